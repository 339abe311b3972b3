// The signed-in member's role, as their access token carries it. The server checks every write
// itself (the shared access table, `@app/shared/access`); the app asks the same table only to offer
// what the role may do and to keep writes it would refuse off the local database.
import { can, roles, type Operation, type Resource, type Role } from '@app/shared/access';

export function roleOfToken(token: string): Role | undefined {
  try {
    const part = token.split('.')[1] ?? '';
    const payload = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return roles.find((r) => r === payload.role);
  } catch {
    return undefined;
  }
}

/** Whether the app offers `op` on `resource` (an unknown role: yes, and the server decides). */
export const mayDo = (role: Role | undefined, resource: Resource, op: Operation): boolean =>
  role === undefined || can(role, resource, op);
