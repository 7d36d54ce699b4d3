import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandPalette } from './command-palette';

/** Ctrl+K, or ⌘+K on an Apple keyboard, whatever the keyboard's layout (K is ن in Arabic). */
function isPaletteShortcut(event: KeyboardEvent): boolean {
  const isK = event.code === 'KeyK' || event.key.toLowerCase() === 'k';
  return isK && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

const SHORTCUT =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K';

/**
 * The header's search box and the command palette it opens: typing in the box (or clicking it,
 * or Enter) opens the palette with what was typed, and so does Ctrl+K / ⌘+K on any page.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const [palette, setPalette] = useState<{ query: string } | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setPalette((open) => open ?? { query: '' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <input
        type="search"
        className="header-search"
        aria-label={t('search.box')}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        placeholder={t('search.boxPlaceholder', { shortcut: SHORTCUT })}
        value=""
        onChange={(event) => setPalette({ query: event.target.value })}
        onClick={() => setPalette({ query: '' })}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== 'ArrowDown') return;
          event.preventDefault();
          setPalette({ query: '' });
        }}
      />
      {palette && <CommandPalette initialQuery={palette.query} onClose={() => setPalette(null)} />}
    </>
  );
}
