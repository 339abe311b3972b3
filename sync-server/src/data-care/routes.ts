// Data care (who may: the access table's `team_data` row, admins): whole-team backup and restore, and
// privacy requests for one contact (export as JSON, erase everywhere). See sync-server/README.md,
// "Data care".
import type { Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { authOf, parse, route } from '../http/route';
import { idParam } from '../api/collection-router';
import type { ApiDeps } from '../api/deps';
import type { RouteRegistry } from '../http/registry';
import { readUpload } from '../http/upload';
import { writeBackup } from './backup';
import { eraseContact } from './erase-contact';
import { exportContact } from './export-contact';
import { parseBackup, restoreTeam } from './restore';

export const RESTORE_MAX_BYTES = 200 * 1024 * 1024;
const restoreQuery = z.strictObject({ confirm: z.literal('replace') });

export function addDataCareRoutes(router: Router, registry: RouteRegistry, deps: ApiDeps): void {
  const tag = 'data-care';
  const notFound = (id: string) => new DomainError('contact-not-found', `Contact '${id}' was not found`);
  /** A privacy request's handler: what `act` makes of the contact of `:id` (none: 404), sent by `send`. */
  const onContact = <T>(
    act: (teamId: string, id: string) => Promise<T | null | undefined>,
    send: (res: Response, out: T) => void,
  ) =>
    route(async (req, res) => {
      const auth = authOf(res);
      const id = parse(idParam, req.params.id);
      const out = await act(auth.teamId, id);
      if (!out) throw notFound(id);
      send(res, out);
    });

  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/backup',
      summary: 'Back up the whole team (all databases, attachments) as one gzip NDJSON file',
      tag,
      access: { resource: 'team_data', op: 'read' },
      response: { mediaType: 'application/gzip', description: 'sales-workspace-backup v1' },
    },
    route(async (_req, res) => {
      const auth = authOf(res);
      const now = deps.now();
      res.set('Content-Type', 'application/gzip');
      res.set(
        'Content-Disposition',
        `attachment; filename="team-${auth.teamId}-${now.toISOString().slice(0, 10)}.ndjson.gz"`,
      );
      await writeBackup(deps.store, auth.teamId, res, now);
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/admin/restore',
      summary:
        "Replace all of the team's data with a backup file (raw application/gzip body, up to 200 MiB; ?confirm=replace). Checked in full before anything is changed.",
      tag,
      access: { resource: 'team_data', op: 'update' },
      query: restoreQuery,
      body: { mediaType: 'application/gzip', description: 'A file from GET /admin/backup' },
      response: z.object({
        teamId: z.string(),
        fromTeamId: z.string(),
        backupCreatedAt: z.string(),
        restored: z.record(z.string(), z.number()),
      }),
    },
    route(async (req, res) => {
      const auth = authOf(res);
      parse(restoreQuery, req.query);
      const upload = await readUpload(req, RESTORE_MAX_BYTES);
      const backup = await parseBackup(upload.bytes);
      const restored = await restoreTeam(deps.store, auth.teamId, backup, { log: deps.log });
      deps.log.info(
        { teamId: auth.teamId, from: backup.header.teamId, restored },
        'team restored from backup',
      );
      res.json({
        teamId: auth.teamId,
        fromTeamId: backup.header.teamId,
        backupCreatedAt: backup.header.createdAt,
        restored,
      });
    }),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/privacy/contacts/:id/export',
      summary:
        "A contact's data (privacy request): contact, twin, leads, conversations, messages, tasks, events, activity, files",
      tag,
      access: { resource: 'team_data', op: 'read' },
    },
    onContact(
      (teamId, id) => exportContact(deps.store, teamId, id, deps.now()),
      (res, data) => {
        res.set('Content-Disposition', `attachment; filename="contact-export.json"`);
        res.json(data);
      },
    ),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/privacy/contacts/:id/erase',
      summary:
        'Erase a contact and everything of theirs (messages, conversations, leads, twin, tasks, events, activity, files); irreversible',
      tag,
      access: { resource: 'team_data', op: 'delete' },
    },
    onContact(
      (teamId, id) => eraseContact(deps.store, teamId, id, deps.log),
      (res, report) => res.json(report),
    ),
  );
}
