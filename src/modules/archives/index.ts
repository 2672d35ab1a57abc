// The front door of the archives module: what other modules, the server and the demo may use. Nothing else of the
// module is imported from outside (test/architecture.test.ts checks it).
export { archiveRoutes } from './routes.js';
export { generateHandovers } from './service/handovers.js';
export { archivesDemoModule } from './demo.js';
// the board, the search and the resumable upload, called directly by the bench (bench/scenarios/archives*.ts)
export {
  appendChunk,
  digitizationBoard,
  digitizationBoardLive,
  searchDescriptions,
  startUpload,
} from './service/digitization.js';
export { DEFAULT_UPLOAD_TTL_HOURS, startUploadSweep, sweepOrphanUploads } from './service/sweep.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { ARCHIVE_POLICY } from './policy.js';
registerCapabilities('archives', (actor) =>
  capabilitiesFrom(
    ARCHIVE_POLICY,
    { read: 'archives.read', plan: 'archives.plan', digitize: 'archives.digitize' },
    actor,
  ),
);
export { archiveFigures } from './for-reports.js';
