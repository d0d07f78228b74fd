/**
 * The route guard of kiosk mode: while it is on, every page but the kiosk screen (history,
 * export, settings, the photo and live pages) leads back to the kiosk screen.
 */
export const KIOSK_ROUTE = '/kiosk';

/** Whether a page at `routeId` (null: no route, the SPA fallback) must go to the kiosk screen. */
export function mustShowKiosk(active: boolean, routeId: string | null, url: URL): boolean {
  if (!active) return false;
  return routeId !== KIOSK_ROUTE || url.searchParams.has('kiosk');
}

/** Whether a navigation to `routeId` is allowed; the page closing is never held back. */
export function mayNavigate(active: boolean, routeId: string | null, leaving: boolean): boolean {
  return !active || leaving || routeId === KIOSK_ROUTE;
}
