"""Runs a generated script after checking its imports, inside the sandbox.

The check is a courtesy to honest code, which gets a clear error naming the import; it is not the
security boundary (``__import__``, ctypes or ``exec`` of a string dodge it): the kernel is.
"""
import ast
import json
import os
import sys

IMPORT_REFUSED_EXIT = 86  # src/pipeline/sandbox/allowlist.ts reads this code and the line below


def refused_imports(source, allowed):
    """Imports outside the allowlist, in source order; raises SyntaxError for code that does not parse."""
    refused = []
    for node in ast.walk(ast.parse(source, "script.py")):
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
        refused = refused_imports(source, allowed)
    except SyntaxError as error:
        sys.stderr.write("SyntaxError: %s (line %s)\n" % (error.msg, error.lineno))
        sys.stderr.flush()
        os._exit(1)
    if refused:
        sys.stderr.write("IMPORT_REFUSED %s\n" % json.dumps(refused))
        sys.stderr.flush()
        os._exit(IMPORT_REFUSED_EXIT)
    return compile(source, "script.py", "exec")


if __name__ == "__main__":
    # guard.py <comma-separated allowed modules> <script>
    with open(sys.argv[2], encoding="utf-8") as f:
        code = compile_checked(f.read(), frozenset(sys.argv[1].split(",")))
    sys.argv = ["script.py"]
    exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
