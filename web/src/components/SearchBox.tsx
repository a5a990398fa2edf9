import { useEffect, useId, useState } from 'react';
import { searchApi } from '../api/search';
import type { Suggestion } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { Highlighted } from './Highlighted';

const debounceMs = 150;

/** A search field with suggestions as the shopper types (debounced, earlier requests cancelled). */
export function SearchBox({ value, onChange, onSubmit, onPick, autoFocus }: {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  onPick: (suggestion: Suggestion) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const query = value.trim();
    if (!query) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchApi.suggest(query, controller.signal).then(
        (answer) => setSuggestions(answer.suggestions),
        () => controller.signal.aborted || setSuggestions([]));
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  return (
    <form className="searchbox" role="search" onSubmit={(event) => { event.preventDefault(); setOpen(false); onSubmit?.(value); }}>
      <input type="search" value={value} placeholder={t('search.placeholder')} aria-label={t('nav.search')} autoFocus={autoFocus}
        aria-controls={listId} aria-expanded={open && suggestions.length > 0} role="combobox" autoComplete="off"
        onChange={(event) => { onChange(event.target.value); setOpen(true); }} onBlur={() => setTimeout(() => setOpen(false), 150)} />
      {open && suggestions.length > 0 && (
        <ul className="searchbox__list" id={listId} role="listbox">
          {suggestions.map((suggestion) => (
            <li key={`${suggestion.productId}-${suggestion.text}`} role="option" aria-selected={false}>
              <button type="button" onMouseDown={(event) => event.preventDefault()}
                onClick={() => { setOpen(false); onPick(suggestion); }}>
                <Highlighted text={suggestion.text} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
