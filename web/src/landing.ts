import { can } from './auth';
import type { User } from './api';

/**
 * Where a user lands after signing in (issue #16, "each role lands on its work"): the first rule that fits wins.
 * The one-stop's personal accounts (receiving officer, specialist, leader) land on their queues: their rules go
 * before the board's.
 */
export function homeOf(user: Pick<User, 'role' | 'capabilities' | 'communeCode' | 'unitRoles'>): string {
  // a reinforcement officer: this week's plan, visits and report
  if (can(user, 'reinforcement.field')) return '/tang-cuong';
  // a civil servant: their own tasks and assessment
  if (user.role === 'staff' && can(user, 'assessments.own')) return '/danh-gia';
  // the one-stop's people (receiving officer, specialist, leader) on their queue
  const oneStop = (user.unitRoles ?? []).some((r) => r === 'receiving' || r === 'specialist' || r === 'leader');
  if (oneStop && can(user, 'dossiers.queue')) return '/hang-doi';
  // the Ministry (and the country's viewers and administrators) on the national board, a province on its communes'
  // board, a commune's own account on its commune's board
  if (can(user, 'dossiers.figures')) return '/board';
  return '/units';
}
