"""Runs a generated script after checking its imports, inside the sandbox.

The check is a courtesy to honest code, which gets a clear error naming the import; it is not the
security boundary (``__import__``, ctypes or ``exec`` of a string dodge it): the kernel is.
"""
import ast
import json
import os
import sys
import traceback

IMPORT_REFUSED_EXIT = 86  # src/pipeline/sandbox/allowlist.ts reads this code and the line below


def refused_imports(tree, allowed):
    """Imports outside the allowlist, in source order."""
    refused = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = ["." * node.level + (node.module or "")] if node.level else [node.module or ""]
        else:
            continue
        refused += [n for n in names if n.startswith(".") or n.split(".")[0] not in allowed]
    return list(dict.fromkeys(refused))


def compile_checked(source, allowed):
    """The compiled script, or exit: 1 with the error for a syntax error, 86 for a refused import."""
    try:
        tree = ast.parse(source, "script.py")
        refused = refused_imports(tree, allowed)
        if not refused:
            # From the tree already parsed (compiling the source parses it again: a 300-line template took
            # 2.0-4.3 ms that way against 1.1-1.5 ms from the tree, in a warm Python).
            return compile(tree, "script.py", "exec")
    except SyntaxError as error:  # from the parse, or from the compiler ("'return' outside function")
        sys.stderr.write("SyntaxError: %s (line %s)\n" % (error.msg, error.lineno))
        sys.stderr.flush()
        os._exit(1)
    sys.stderr.write("IMPORT_REFUSED %s\n" % json.dumps(refused))
    sys.stderr.flush()
    os._exit(IMPORT_REFUSED_EXIT)


def run_as_main(compiled):
    """Runs the script as __main__: its exit code (SystemExit's, or 0 when it ends), and whether it raised
    anything else (its traceback then on stderr)."""
    sys.argv = ["script.py"]
    try:
        exec(compiled, {"__name__": "__main__", "__builtins__": __builtins__})
        return 0, False
    except SystemExit as exit_request:
        if exit_request.code is None or isinstance(exit_request.code, int):
            return exit_request.code or 0, False
        sys.stderr.write(str(exit_request.code) + "\n")
        return 1, False
    except BaseException:
        traceback.print_exc()
        return 1, True


def print_exception():
    """The traceback of the exception being handled, on stderr, if stderr still takes it."""
    try:
        traceback.print_exc()
    except BaseException:
        pass


if __name__ == "__main__":
    # guard.py <comma-separated allowed modules> <script>
    with open(sys.argv[2], encoding="utf-8") as f:
        code = compile_checked(f.read(), frozenset(sys.argv[1].split(",")))
    sys.argv = ["script.py"]
    exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
