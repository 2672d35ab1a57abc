import { can } from './can';
import type { User } from './api';

/**
 * Where a user lands after signing in (issue #16, "each role lands on its work"): the first rule that fits wins, from
 * what the API says the user may open (GET /api/auth/me → capabilities), never from the role's name.
 */
export function homeOf(user: Pick<User, 'capabilities'>): string {
  // a reinforcement officer: this week's plan, visits and report
  if (can(user, 'reinforcement.field')) return '/tang-cuong';
  // the one-stop's people (receiving officer, specialist, leader) on their queue
  if (can(user, 'dossiers.work')) return '/hang-doi';
  // a civil servant who may open only their own staff record: their own tasks and assessment
  if (can(user, 'assessments.own') && can(user, 'workforce.own') && !can(user, 'workforce.read')) return '/danh-gia';
  // the Ministry (and the country's viewers and administrators) on the national board, a province on its communes'
  // board, a commune's own account on its commune's board
  if (can(user, 'dossiers.figures')) return '/board';
  return '/units';
}
