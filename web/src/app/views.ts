// What every view gets from the shell.
import type { User, Workspace } from '../shared/types';

export interface ViewProps {
  asOf: string;
  user: User;
  workspace: Workspace;
  params: Record<string, string>;
}
