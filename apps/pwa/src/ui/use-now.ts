import { useEffect, useState } from "preact/hooks";

/** The time, refreshed every `everyMs`, for "5 min ago" labels. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
