/** 项目代码 taken by registered projects: one project per code (migration 0006). */
import type { Timestamp } from './read-model';

export interface ProjectCodesTable {
  /** Normalised (service/projects/project-code.ts). */
  code: string;
  project_id: string;
  registered_at: Timestamp;
}

export interface ProjectCodeTables {
  project_codes: ProjectCodesTable;
}
