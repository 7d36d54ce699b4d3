import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** One query-string parameter as page state, so a reload or a shared link keeps the view. */
export function useSearchParam(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string) => {
    // The address as it is now, not as this render saw it: two changes in one event both land.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return [params.get(name) ?? '', set];
}

/** The value once it has stopped changing for `delayMs`: typing asks the server once. */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
