// Every page is prerendered to static HTML; nothing runs on a server.
export const prerender = true;
export const trailingSlash = 'never';
