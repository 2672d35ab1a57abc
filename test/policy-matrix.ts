import type { Actor, Place } from '../src/core/scope.js';

/**
 * The callers and places the modules' policy tests run their tables over. Ba Đình (00004) and Ngọc Hà (00008) are
 * communes of Hà Nội (01); Sài Gòn (26734) lies in Hồ Chí Minh City (79). The staff account (a civil servant's own
 * account, linked to staff record p-1) works in Ba Đình.
 */
export const matrixActor = (
  role: Actor['role'],
  provinceCode: string | null,
  communeCode: string | null,
  personId?: string,
) => ({ id: role, username: role, displayName: role, role, provinceCode, communeCode, ip: null, personId }) as Actor;

export const ACTORS = {
  admin: matrixActor('admin', null, null),
  ministry: matrixActor('ministry', null, null),
  province: matrixActor('province', '01', null),
  commune: matrixActor('commune', '01', '00004'),
  viewer: matrixActor('viewer', '01', '00004'),
  staff: matrixActor('staff', '01', '00004', 'p-1'),
};
export type Who = keyof typeof ACTORS;

export const PLACES: Record<string, Place> = {
  ownCommune: { provinceCode: '01', unitCode: '00004' },
  otherCommune: { provinceCode: '01', unitCode: '00008' },
  otherProvince: { provinceCode: '79', unitCode: '26734' },
};

/** Where each caller reaches: the whole country, its province, its commune. */
export const REACH: Record<Who, string[]> = {
  admin: ['ownCommune', 'otherCommune', 'otherProvince'],
  ministry: ['ownCommune', 'otherCommune', 'otherProvince'],
  province: ['ownCommune', 'otherCommune'],
  commune: ['ownCommune'],
  viewer: ['ownCommune'],
  staff: ['ownCommune'],
};
export const WRITERS: Who[] = ['admin', 'ministry', 'province', 'commune'];
/** Those who read the records of a place (not a staff account: it reads only its own, and what is opened to it). */
export const PLACE_READERS: Who[] = ['admin', 'ministry', 'province', 'commune', 'viewer'];
