import { useEffect, useState } from 'react';
import { api } from './api';
import { maybe, type Translate } from './i18n';
import { useUser } from './auth';
import { useLoad, type Loadable } from './components/common';
import type { Notification } from '../../src/modules/recommendations/contract';
import type { PhaseDetail, PhaseList } from '../../src/modules/reinforcement/contract';

/** The two-way channel (kiến nghị) and the reinforcement officers: the shapes come from the modules' contracts. */
export type {
  FileInfo,
  KnowledgeEntry,
  Notification,
  RecAction,
  RecEvent,
  Recommendation,
  SimilarItem,
} from '../../src/modules/recommendations/contract';
export type { Phase, PhaseDetail, Report, Schedule, Visit } from '../../src/modules/reinforcement/contract';
export { FIELDS as REC_FIELDS, STATUSES as REC_STATUSES } from '../../src/modules/recommendations/domain/lifecycle';

export const recFieldLabel = (t: Translate, f: string) => maybe(t, `rec.field.${f}`, f);
export const recStatusLabel = (t: Translate, s: string) => maybe(t, `rec.status.${s}`, s);
export const recActionLabel = (t: Translate, a: string) => maybe(t, `rec.action.${a}`, a);
export const recLevelLabel = (t: Translate, l: string) => maybe(t, `rec.level.${l}`, l);

/** Where a notification leads. */
export function notificationHref(n: Pick<Notification, 'entity' | 'entityId'>): string | null {
  if (n.entity === 'recommendation') return `/kien-nghi/${n.entityId}`;
  if (n.entity === 'reinforcement_report') return '/tang-cuong';
  return null;
}

// ---------- the unread count, shared by the bell and the list ----------

let unread = 0;
const listeners = new Set<(n: number) => void>();
export function setUnread(n: number) {
  unread = n;
  listeners.forEach((l) => l(n));
}
export async function refreshUnread(): Promise<void> {
  try {
    const r = await api.get<{ unread: number }>('/api/notifications', { limit: 1 });
    setUnread(r.unread);
  } catch {
    /* offline: keep the last count */
  }
}
export function useUnread(): number {
  const [n, setN] = useState(unread);
  useEffect(() => {
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  return n;
}

/** Calendar arithmetic on YYYY-MM-DD (UTC, no time zone). */
export function addDaysIso(iso: string, n: number): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function mondayOf(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  return addDaysIso(iso, -((d.getUTCDay() + 6) % 7));
}

export const uuid = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
        const r = (Math.random() * 16) | 0;
        return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
      });

// ---------- visit drafts kept on the device ----------

export interface VisitDraft {
  clientRef: string;
  idempotencyKey: string;
  phaseId: string;
  communeCode: string;
  visitedOn: string;
  metWith: string;
  findings: string;
  resolved: string;
  savedAt: string;
  /** the last failure, for the screen */
  lastError?: string;
}

const DRAFTS_KEY = 'haicap.visitDrafts';

export function loadDrafts(): VisitDraft[] {
  try {
    const raw = localStorage.getItem(DRAFTS_KEY);
    return raw ? (JSON.parse(raw) as VisitDraft[]) : [];
  } catch {
    return [];
  }
}
export function saveDrafts(drafts: VisitDraft[]) {
  try {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  } catch {
    /* storage full or unavailable */
  }
}

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A picked file as the API takes it: base64 content in JSON. */
export async function fileToUpload(f: File): Promise<{ name: string; contentType: string; contentBase64: string }> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    name: f.name.slice(0, 200),
    contentType: /^[\w.+-]+\/[\w.+-]+$/.test(f.type) ? f.type : 'application/octet-stream',
    contentBase64: btoa(bin),
  };
}

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 102.4) / 10} KB` : `${Math.round(n / 104857.6) / 10} MB`;

export type Officer = PhaseDetail['officers'][number];
export interface Assignment {
  phase: PhaseDetail | null;
  officer: Officer | null;
}

let assignmentCache: { userId: string; value: Promise<Assignment> } | null = null;

/** The signed-in Ministry user's assignment as a reinforcement officer (the newest phase that lists them). */
export function useAssignment(): Loadable<Assignment> {
  const { user } = useUser();
  return useLoad(async () => {
    if (user.role !== 'ministry') return { phase: null, officer: null };
    if (assignmentCache?.userId !== user.id) {
      const value = (async () => {
        const phases = await api.get<PhaseList>('/api/reinforcement/phases');
        for (const p of phases.items) {
          const detail = await api.get<PhaseDetail>(`/api/reinforcement/phases/${p.id}`);
          const me = detail.officers.find((o) => o.username === user.username);
          if (me) return { phase: detail, officer: me };
        }
        return { phase: null, officer: null };
      })();
      value.catch(() => (assignmentCache = null));
      assignmentCache = { userId: user.id, value };
    }
    return assignmentCache.value;
  }, [user.id]);
}
