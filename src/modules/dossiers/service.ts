// The dossiers service, by section (service/): what the routes, the forms, the demo and the door use.
export { listProcedures, setProvinceProcedure, type ProvinceProcedureInput } from './service/procedures.js';
export { recountFigures } from './service/figures.js';
export { receiveDossier, type IntakeInput } from './service/intake.js';
export { getDossier, listDossiers, pageTotal, present, presentListItem, type DossierQuery } from './service/reading.js';
export { transition, type TransitionInput } from './service/actions.js';
export { apologyWarnings, issueApology } from './service/apology.js';
export { addDocument } from './service/documents.js';
export { publicLookup, rateDossier } from './service/citizens.js';
export { takeStep, type StepInput } from './service/steps.js';
export { personQueue } from './service/queue.js';
export { getProcedureProcess, setProcedureProcess } from './service/process.js';
