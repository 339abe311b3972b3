// `GET /team/company` (every member) and `PUT /team/company` (admins): the company details and logo
// the team's proposals carry. The logo comes as base64 in the JSON body: PNG or JPEG, its signature
// checked, at most LOGO_MAX_BYTES; `logo: null` removes it.
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { ServerDeps } from '../context';
import { authOf, parse, route } from '../http/route';
import type { RouteModule } from '../http/registry';
import { systemDocs } from '../store/data';
import {
  companyDocId,
  LOGO_MAX_BYTES,
  logoMatches,
  logoTypes,
  readCompanyDoc,
  type CompanyDoc,
} from './company';

const companyBody = z.strictObject({
  name: z.string().trim().max(200).optional(),
  details: z.string().max(2000).optional(),
  logo: z
    .strictObject({
      mimeType: z.enum(logoTypes),
      data: z.base64().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4),
    })
    .nullable()
    .optional(),
});

const companyAnswer = z.object({
  name: z.string().optional(),
  details: z.string().optional(),
  logo: z.object({ mimeType: z.string(), size: z.number() }).optional(),
});

const view = (doc: CompanyDoc | undefined) => ({
  ...(doc?.name ? { name: doc.name } : {}),
  ...(doc?.details ? { details: doc.details } : {}),
  ...(doc?.logo ? { logo: { mimeType: doc.logo.mimeType, size: doc.logo.size } } : {}),
});

export const companyRoutes: RouteModule<ServerDeps> = (router, registry, deps) => {
  const tag = 'team';
  registry.add(
    router,
    {
      method: 'get',
      path: '/team/company',
      summary: "The team's company details on its proposals (name, details, whether a logo is set)",
      tag,
      access: { resource: 'members', op: 'read' },
      response: companyAnswer,
    },
    route(async (_req, res) => {
      res.json(view(await readCompanyDoc(deps.store, authOf(res).teamId)));
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/team/company',
      summary: `Set the company details and logo (PNG or JPEG, at most ${LOGO_MAX_BYTES / 1024} KB) of proposals`,
      tag,
      access: { resource: 'members', op: 'update' },
      body: companyBody,
      response: companyAnswer,
    },
    route(async (req, res) => {
      const { teamId } = authOf(res);
      const body = parse(companyBody, req.body);
      const current = await readCompanyDoc(deps.store, teamId);
      let logo = current?.logo;
      if (body.logo === null) logo = undefined;
      else if (body.logo) {
        const bytes = Buffer.from(body.logo.data, 'base64');
        if (bytes.length > LOGO_MAX_BYTES)
          throw new DomainError('file-too-large', `The logo is over ${LOGO_MAX_BYTES / 1024} KB`);
        if (!logoMatches(bytes, body.logo.mimeType))
          throw new DomainError('unsupported-file', `The logo is not a ${body.logo.mimeType} image`);
        logo = { mimeType: body.logo.mimeType, data: body.logo.data, size: bytes.length };
      }
      const doc: CompanyDoc = {
        _id: companyDocId(teamId),
        ...(current?._rev ? { _rev: current._rev } : {}),
        type: 'company',
        teamId,
        ...((body.name ?? current?.name) ? { name: body.name ?? current?.name } : {}),
        ...((body.details ?? current?.details) ? { details: body.details ?? current?.details } : {}),
        ...(logo ? { logo } : {}),
        updatedAt: deps.now().toISOString(),
      };
      if ((await systemDocs<CompanyDoc>(deps.store, 'app_channels').put(doc)) === null)
        throw new DomainError('conflict', 'Company details changed meanwhile; retry');
      res.json(view(doc));
    }),
  );
};
