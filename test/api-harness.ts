import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/api/build-app.js';
import type { Role } from '../src/domain/permissions.js';
import type { Actor, ServiceContext } from '../src/services/context.service.js';
import { addUserToWorkspace } from '../src/services/access/user.service.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in caller: sends its session cookie and CSRF token with every request. */
export interface Caller {
  userId: string;
  email: string;
  role: Role;
  workspaceId: string;
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
}

export interface TestApi {
  app: FastifyInstance;
  database: TestDatabase;
  /** The clock the app reads; tests move it forward. */
  clock: { now: number };
  admin: Caller;
  /** A service context acting as the admin, for arranging data without HTTP. */
  adminContext: () => ServiceContext;
  signIn: (email: string) => Promise<Caller>;
  addMember: (role: Role, workspaceId?: string) => Promise<Caller>;
  /** A second, separate workspace with its own admin, for cross-workspace checks. */
  createOtherWorkspace: () => Promise<Caller>;
  close: () => Promise<void>;
}

let counter = 0;

export async function createTestApi(): Promise<TestApi> {
  const database = await createTestDatabase();
  const clock = { now: Date.parse('2026-03-01T09:00:00Z') };
  const app = await buildApp({ db: database.db, clock: () => clock.now });

  const signIn = async (email: string): Promise<Caller> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    const body = response.json<{
      csrfToken: string;
      me: { user: { id: string }; role: Role; workspaceId: string };
    }>();
    const cookie = response.cookies.find((c) => c.name === 'qanat_session');
    if (!cookie) throw new Error('no session cookie');
    return {
      userId: body.me.user.id,
      email,
      role: body.me.role,
      workspaceId: body.me.workspaceId,
      request: (options) =>
        app.inject({
          ...options,
          cookies: { qanat_session: cookie.value, ...(options.cookies ?? {}) },
          headers: { 'x-csrf-token': body.csrfToken, ...(options.headers ?? {}) },
        }),
    };
  };

  const setup = await app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      workspace: { name: 'Acme Sales', baseCurrency: 'USD', timeZone: 'Asia/Riyadh' },
      admin: { email: 'admin@example.com', name: 'Amira Admin', password: PASSWORD },
    },
  });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  const admin = await signIn('admin@example.com');

  const addMember = async (role: Role, workspaceId = admin.workspaceId) => {
    counter += 1;
    const email = `${role}${counter}@example.com`;
    await addUserToWorkspace(
      database.db,
      workspaceId,
      { email, name: `${role} ${counter}`, password: PASSWORD, role },
      clock.now,
    );
    return signIn(email);
  };

  const createOtherWorkspace = async () => {
    const { createWorkspace } = await import('../src/services/access/workspace.service.js');
    const workspace = await createWorkspace(database.db, { name: `Other ${++counter}` }, clock.now);
    return addMember('admin', workspace.id);
  };

  const adminActor: Actor = { workspaceId: admin.workspaceId, userId: admin.userId, role: 'admin' };
  return {
    app,
    database,
    clock,
    admin,
    adminContext: () => ({ db: database.db, actor: adminActor, now: clock.now }),
    signIn,
    addMember,
    createOtherWorkspace,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The If-Match header for a record's version. */
export function ifMatch(version: number): Record<string, string> {
  return { 'if-match': `"${version}"` };
}
