import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { badInput, Database, forbidden, type TenantActor, type TenantRole } from '@warbler/api/core';
import { memberState } from '../shared/audit-states';
import { assertNotLastOwner } from '../shared/last-owner';
import { assertMayActOn, assertMayGrant } from '../shared/member-permissions';
import { activeMember, MEMBER_INCLUDE, memberKey, type MemberRecord } from '../shared/member-record';
import { TenancyAction } from '../shared/tenancy-actions';
import { lockTenant } from '../shared/tenant-lock';

/** Who belongs to a tenant and with which role. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  list(actor: TenantActor): Promise<MemberRecord[]> {
    return this.db.forTenant(actor).membership.findMany({
      where: { status: 'ACTIVE' },
      include: MEMBER_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async changeRole(actor: TenantActor, memberId: string, role: TenantRole): Promise<MemberRecord> {
    assertMayGrant(actor, role);
    return this.db.forTenant(actor).transaction(async (tx) => {
      await lockTenant(tx, actor.tenantId);
      const member = await activeMember(tx, memberId);
      assertMayActOn(actor, 'changeRole', member);
      if (member.role === role) return member;
      await assertNotLastOwner(tx, member);
      const changed = await tx.membership.update({ where: memberKey(member), data: { role }, include: MEMBER_INCLUDE });
      await this.audit.record(tx, actor, {
        action: TenancyAction.memberRoleChanged,
        targetType: 'Member',
        targetId: member.id,
        before: memberState(member),
        after: memberState(changed),
      });
      return changed;
    });
  }

  /** Ends a membership and frees its seat; the row stays, so the person can be invited back. */
  remove(actor: TenantActor, memberId: string): Promise<MemberRecord> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      await lockTenant(tx, actor.tenantId);
      const member = await activeMember(tx, memberId);
      assertMayActOn(actor, 'delete', member);
      await assertNotLastOwner(tx, member);
      const removed = await tx.membership.update({
        where: memberKey(member),
        data: { status: 'REMOVED', seatAssigned: false },
        include: MEMBER_INCLUDE,
      });
      await this.audit.record(tx, actor, {
        action: TenancyAction.memberRemoved,
        targetType: 'Member',
        targetId: member.id,
        before: memberState(member),
      });
      return removed;
    });
  }

  /** Makes another member an owner and the calling owner an admin, together. */
  transferOwnership(actor: TenantActor, memberId: string): Promise<MemberRecord> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      await lockTenant(tx, actor.tenantId);
      const target = await activeMember(tx, memberId);
      if (target.id === actor.membershipId)
        throw badInput('You cannot transfer ownership to yourself', 'SELF_TRANSFER');
      assertMayActOn(actor, 'transferOwnership', target);
      // Read again under the lock: another owner may have demoted the caller meanwhile.
      const caller = await activeMember(tx, actor.membershipId);
      if (caller.role !== 'OWNER') throw forbidden('Only an owner can transfer ownership');
      const newOwner = await tx.membership.update({
        where: memberKey(target),
        data: { role: 'OWNER' },
        include: MEMBER_INCLUDE,
      });
      const previousOwner = await tx.membership.update({
        where: memberKey(caller),
        data: { role: 'ADMIN' },
        include: MEMBER_INCLUDE,
      });
      await this.audit.record(tx, actor, {
        action: TenancyAction.ownershipTransferred,
        targetType: 'Member',
        targetId: target.id,
        before: { newOwner: memberState(target), previousOwner: memberState(caller) },
        after: { newOwner: memberState(newOwner), previousOwner: memberState(previousOwner) },
      });
      return newOwner;
    });
  }
}
