// Typed verbs for the 支行 RPCs, named after them (coordBranches ↔ coord_branches). Every coordinator
// reads the branches and their own scope; the rest is the team lead's (others hear lead_only).
import { call } from './coordinator';

export interface Branch {
  id: string;
  label: string;
  sort: number;
  retired: boolean;
}

/** What the caller runs: a team lead every branch; anyone else only `branch_id`'s events. */
export interface BranchScope {
  team_lead: boolean;
  branch_id: string | null;
}

export interface BranchesAndScope {
  branches: Branch[];
  scope: BranchScope;
}

export interface CoordinatorScope {
  user_id: string;
  display_name: string;
  active: boolean;
  branch_id: string | null;
  branch_label: string | null;
  team_lead: boolean;
  is_me: boolean;
}

export const coordBranches = () => call<BranchesAndScope>('coord_branches');
export const coordSaveBranch = (branch: { id?: string; label: string; sort?: number }) => call<{ id: string }>('coord_save_branch', { p_branch: branch });
export const coordRetireBranch = (id: string) => call<unknown>('coord_retire_branch', { p_id: id });
export const coordRestoreBranch = (id: string) => call<unknown>('coord_restore_branch', { p_id: id });
export const coordCoordinators = () => call<CoordinatorScope[]>('coord_coordinators');
export const coordSetCoordinatorScope = (userId: string, branchId: string | null, teamLead: boolean) =>
  call<unknown>('coord_set_coordinator_scope', { p_user_id: userId, p_branch_id: branchId, p_team_lead: teamLead });
