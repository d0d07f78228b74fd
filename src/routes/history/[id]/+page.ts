// A session's page exists only in the browser that stored the session: nothing to prerender.
export const prerender = false;
export const ssr = false;
