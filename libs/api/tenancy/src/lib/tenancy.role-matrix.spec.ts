import { AuditModule } from '@warbler/api/audit';
import type { TenantRole } from '@warbler/api/core';
import {
  actorFor,
  type Caller,
  closeOwnerClient,
  graphql,
  newMember,
  newTenant,
  newUser,
  Ops,
  outcome,
  ownerClient,
  signedInStaff,
  startTestApp,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
} from '../testing';
import { InvitationsService } from './invitations/invitations.service';
import { TenancyModule } from './tenancy.module';

type Who = TenantRole | 'STAFF';
const WHO: Who[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER', 'STAFF'];

interface Cell {
  world: TenantWorld;
  /** The caller's own user, e.g. to invite them somewhere else. */
  me: { id: string; email: string };
}

interface Row {
  operation: string;
  query: string;
  variables: (cell: Cell) => Promise<Record<string, unknown>>;
  /** OWNER, ADMIN, BILLING_ADMIN, MEMBER, STAFF (signed in, MFA passed, no tenant). */
  expected: [string, string, string, string, string];
}

const OK = 'OK';
const NO = 'FORBIDDEN';

describe('who may do what: every tenancy operation for every role', () => {
  let app: TestApp;
  let invitations: InvitationsService;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    invitations = app.app.get(InvitationsService);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const member = async ({ world }: Cell, role: TenantRole, seatAssigned = false) =>
    (await newMember(world.tenant.id, role, { seatAssigned })).membership.id;
  const invitation = async ({ world }: Cell, role: TenantRole) =>
    invitations.invite(world.OWNER.actor, { email: (await newUser()).email, role });

  const ROWS: Row[] = [
    {
      operation: 'currentTenant',
      query: Ops.currentTenant,
      variables: async () => ({}),
      expected: [OK, OK, OK, OK, NO],
    },
    { operation: 'members', query: Ops.members, variables: async () => ({}), expected: [OK, OK, OK, NO, NO] },
    { operation: 'invitations', query: Ops.invitations, variables: async () => ({}), expected: [OK, OK, NO, NO, NO] },
    {
      operation: 'invitationPreview (public: the token is the credential)',
      query: Ops.invitationPreview,
      variables: async (cell) => ({ token: tokenOf((await invitation(cell, 'MEMBER')).acceptUrl) }),
      expected: [OK, OK, OK, OK, OK],
    },
    {
      operation: 'acceptInvitation of one sent to me elsewhere (signed in)',
      query: Ops.acceptInvitation,
      variables: async ({ me }) => {
        const elsewhere = actorFor(await newMember((await newTenant()).id, 'OWNER'));
        return { token: tokenOf((await invitations.invite(elsewhere, { email: me.email, role: 'MEMBER' })).acceptUrl) };
      },
      expected: [OK, OK, OK, OK, OK],
    },
    {
      operation: 'inviteMember as MEMBER',
      query: Ops.inviteMember,
      variables: async () => ({ input: { email: (await newUser()).email, role: 'MEMBER' } }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'inviteMember as OWNER',
      query: Ops.inviteMember,
      variables: async () => ({ input: { email: (await newUser()).email, role: 'OWNER' } }),
      expected: [OK, NO, NO, NO, NO],
    },
    {
      operation: 'resendInvitation',
      query: Ops.resendInvitation,
      variables: async (cell) => ({ id: (await invitation(cell, 'MEMBER')).invitation.id }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'revokeInvitation',
      query: Ops.revokeInvitation,
      variables: async (cell) => ({ id: (await invitation(cell, 'MEMBER')).invitation.id }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'changeMemberRole of a member',
      query: Ops.changeMemberRole,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER'), role: 'BILLING_ADMIN' }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'changeMemberRole of an owner',
      query: Ops.changeMemberRole,
      variables: async (cell) => ({ memberId: await member(cell, 'OWNER'), role: 'ADMIN' }),
      expected: [OK, NO, NO, NO, NO],
    },
    {
      operation: 'changeMemberRole to owner',
      query: Ops.changeMemberRole,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER'), role: 'OWNER' }),
      expected: [OK, NO, NO, NO, NO],
    },
    {
      operation: 'removeMember of a member',
      query: Ops.removeMember,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER') }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'removeMember of an owner',
      query: Ops.removeMember,
      variables: async (cell) => ({ memberId: await member(cell, 'OWNER') }),
      expected: [OK, NO, NO, NO, NO],
    },
    {
      operation: 'transferOwnership',
      query: Ops.transferOwnership,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER') }),
      expected: [OK, NO, NO, NO, NO],
    },
    {
      operation: 'assignSeat',
      query: Ops.assignSeat,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER') }),
      expected: [OK, OK, NO, NO, NO],
    },
    {
      operation: 'unassignSeat',
      query: Ops.unassignSeat,
      variables: async (cell) => ({ memberId: await member(cell, 'MEMBER', true) }),
      expected: [OK, OK, NO, NO, NO],
    },
  ];

  const cells = ROWS.flatMap((row) => WHO.map((who, index) => [row.operation, who, row.expected[index], row] as const));

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, row) => {
    const world = await tenantWorld();
    const staff = who === 'STAFF' ? await signedInStaff() : undefined;
    const me = staff?.user ?? world[who as TenantRole].user;
    const caller: Caller = staff?.caller ?? world[who as TenantRole].caller;
    const variables = await row.variables({ world, me });
    const eventsBefore = await ownerClient().auditEvent.count({ where: { tenantId: world.tenant.id } });

    const answer = await graphql(app, caller, row.query, variables);

    expect(outcome(answer)).toBe(expected);
    if (expected !== OK) {
      expect(await ownerClient().auditEvent.count({ where: { tenantId: world.tenant.id } })).toBe(eventsBefore);
    }
  });
});
