import { useSession } from '../context';
import type { Draft } from '../hypotheses';

/** One hypothesis, every field editable: what investigateIssues (or followUp, not `selectable`) will receive. */
export function HypothesisEditor({
  draft,
  onChange,
  onRemove,
  selectable = true,
}: {
  draft: Draft;
  onChange(change: Partial<Draft>): void;
  onRemove(): void;
  selectable?: boolean;
}) {
  const { issueTypes } = useSession();
  return (
    <li class="hypothesis" data-testid="hypothesis">
      {selectable && (
        <label class="inline">
          <input type="checkbox" name="selected" checked={draft.selected} onChange={(e) => onChange({ selected: e.currentTarget.checked })} />
        </label>
      )}
      <div class="fields">
        <div class="row">
          <label>
            Type
            <input type="text" name="type" list="issue-types" value={draft.type} onInput={(e) => onChange({ type: e.currentTarget.value })} />
            <datalist id="issue-types">
              {issueTypes.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </label>
          <label>
            Columns
            <input type="text" name="columns" list="columns" placeholder="all columns: whole rows" value={draft.columns} onInput={(e) => onChange({ columns: e.currentTarget.value })} />
          </label>
          <label>
            Options (JSON)
            <input type="text" name="options" placeholder="none" value={draft.options} onInput={(e) => onChange({ options: e.currentTarget.value })} />
          </label>
        </div>
        <label>
          Description
          <textarea name="description" rows={2} value={draft.description} onInput={(e) => onChange({ description: e.currentTarget.value })} />
        </label>
        {draft.source && <span class="hint">from {draft.source.toLowerCase()}</span>}
      </div>
      <button type="button" class="link" title="Remove" onClick={onRemove}>
        ✕
      </button>
    </li>
  );
}
