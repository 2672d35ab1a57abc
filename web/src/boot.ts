import type { Meta, User } from './api';

/**
 * What the server put in the page for this person (src/server/page.ts): the session (`GET /api/auth/me`'s answer, or
 * null when signed out) and, signed out, the sign-in page's `GET /api/meta`. The session is used when the app starts
 * (later sign-ins and sign-outs ask the server as before). Absent (the dev server, an old page): the app asks.
 */
interface Boot {
  session: { user: User; csrfToken?: string } | null;
  meta?: Meta | null;
}

let boot: Boot | undefined | null = null;
function read(): Boot | undefined {
  if (boot !== null) return boot;
  boot = undefined;
  const block = document.getElementById('boot');
  try {
    if (block?.textContent) boot = JSON.parse(block.textContent) as Boot;
  } catch {
    /* a damaged block: ask the server */
  }
  // read once and kept here: the page's text no longer holds the session (a copy of the page, a text search)
  block?.remove();
  return boot;
}

/** The session the page came with: a session, null (signed out), or undefined (not known: ask). */
export function bootSession(): Boot['session'] | undefined {
  const b = read();
  return b && 'session' in b ? b.session : undefined;
}

/** The sign-in page's meta the page came with, or undefined (ask). */
export function bootMeta(): Meta | null | undefined {
  const b = read();
  return b && 'meta' in b ? (b.meta ?? null) : undefined;
}

/** What was typed into the page's plain sign-in form before the app started (web/build/sign-in-shell.ts). */
export interface ShellInput {
  username: string;
  password: string;
  focus: 'username' | 'password' | null;
}
let shellInput: ShellInput | null = null;

/** What the plain form holds now, if it is still on the page. */
function readShell(): ShellInput | null {
  const user = document.getElementById('shell-username') as HTMLInputElement | null;
  const pass = document.getElementById('shell-password') as HTMLInputElement | null;
  if (!user || !pass) return null;
  const active = document.activeElement;
  return {
    username: user.value,
    password: pass.value,
    focus: active === user ? 'username' : active === pass ? 'password' : null,
  };
}

/** Called before the first render, which replaces the plain form (in case the first screen is not the sign-in). */
export function keepShellInput(): void {
  shellInput = readShell() ?? shellInput;
}

/**
 * What was typed into the plain form: read again while the form is still on the page (the sign-in renders before the
 * first commit replaces it, so keys pressed after the app started are kept too).
 */
export function shellInputTyped(): ShellInput | null {
  shellInput = readShell() ?? shellInput;
  return shellInput;
}

/** The plain form's input is used once: a later sign-in screen (after signing out) starts empty. */
export function forgetShellInput(): void {
  shellInput = null;
}
