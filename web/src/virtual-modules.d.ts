/** The first paint's Vietnamese messages, made at build time (web/build/first-paint-messages.ts). */
declare module 'virtual:vi-first' {
  const messages: Record<string, string>;
  export default messages;
}
