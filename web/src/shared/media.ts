import { useSyncExternalStore } from 'react';

/** The width under which the app takes its phone layout (also in styles.css). */
export const PHONE_QUERY = '(max-width: 700px)';

/** Whether a media query matches now, following its changes (a phone turned sideways). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}
