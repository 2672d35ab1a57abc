// The workforce service, in sections: people (the registry's records; the only writer of `people`), assignments,
// posts (a unit's structure with holders and vacancies) and the summary.
export {
  createPerson,
  getPerson,
  insertPeopleRows,
  listPeople,
  presentPerson,
  updatePeopleRows,
  updatePerson,
  type PeopleQuery,
  type PersonInput,
} from './service/people.js';
export { assign, type AssignInput } from './service/assignments.js';
export { unitStructure } from './service/posts.js';
export { forgetWorkforceSummaries, workforceChanged, workforceSummary } from './service/summary.js';
