/** The real reference governance endpoint for end-to-end tests: in-memory PGlite. */
import { issueToken, type RunningServer, startServer } from '../../../server/app';

export interface TestEndpoint {
  server: RunningServer;
  url: string;
  token: string;
  reviewer: string;
  /** Every record the endpoint holds: id -> revision, deleted, type, reviewer. */
  records(): Promise<
    Map<string, { revision: number; deleted: boolean; type: string; reviewer: string }>
  >;
  close(): Promise<void>;
}

export async function startTestEndpoint(reviewer = 'e2e-reviewer'): Promise<TestEndpoint> {
  const server = await startServer();
  const { token } = await issueToken(server.db, reviewer);
  return {
    server,
    url: server.url,
    token,
    reviewer,
    async records() {
      const { rows } = await server.db.query<{
        id: string;
        revision: number;
        deleted: boolean;
        type: string;
        reviewer: string;
      }>('select id, revision, deleted, type, reviewer from records');
      return new Map(rows.map((r) => [r.id, { ...r, revision: Number(r.revision) }]));
    },
    close: () => server.close(),
  };
}

/** The options page's settings that point the extension at `url`: the endpoint or a gate. */
export function endpointSettings(endpoint: TestEndpoint, url = endpoint.url) {
  return { endpointUrl: url, token: endpoint.token, reviewerId: endpoint.reviewer };
}
