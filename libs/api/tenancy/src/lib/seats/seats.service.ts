import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { Database, type TenantActor } from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { memberState } from '../shared/audit-states';
import { assertMayActOn } from '../shared/member-permissions';
import { activeMember, MEMBER_INCLUDE, memberKey, type MemberRecord } from '../shared/member-record';
import { seatsInUse } from '../shared/seats-in-use';
import { TenancyAction } from '../shared/tenancy-actions';
import { seatLimitReached } from '../shared/tenancy-errors';
import { lockTenant } from '../shared/tenant-lock';

/** Paid seats: at most the tenant's seat limit are held at once. */
@Injectable()
export class SeatsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly webhooks: TenantWebhooks,
  ) {}

  /** Assigning a seat the member holds already changes nothing and records nothing. */
  assign(actor: TenantActor, memberId: string): Promise<MemberRecord> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const { seatLimit } = await lockTenant(tx, actor.tenantId);
      const member = await activeMember(tx, memberId);
      assertMayActOn(actor, 'assignSeat', member);
      if (member.seatAssigned) return member;
      const inUse = await seatsInUse(tx);
      if (inUse >= seatLimit) throw seatLimitReached(seatLimit);
      const seated = await tx.membership.update({
        where: memberKey(member),
        data: { seatAssigned: true },
        include: MEMBER_INCLUDE,
      });
      // This seat was the last free one.
      if (inUse + 1 === seatLimit) {
        await this.webhooks.publish(tx, actor.tenantId, 'seat_limit.reached', {
          seat_limit: seatLimit,
          seats_in_use: seatLimit,
          trigger: 'seat_assigned',
          member_id: member.id,
        });
      }
      await this.audit.record(tx, actor, {
        action: TenancyAction.seatAssigned,
        targetType: 'Member',
        targetId: member.id,
        before: memberState(member),
        after: memberState(seated),
      });
      return seated;
    });
  }

  unassign(actor: TenantActor, memberId: string): Promise<MemberRecord> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      await lockTenant(tx, actor.tenantId);
      const member = await activeMember(tx, memberId);
      assertMayActOn(actor, 'assignSeat', member);
      if (!member.seatAssigned) return member;
      const unseated = await tx.membership.update({
        where: memberKey(member),
        data: { seatAssigned: false },
        include: MEMBER_INCLUDE,
      });
      await this.audit.record(tx, actor, {
        action: TenancyAction.seatUnassigned,
        targetType: 'Member',
        targetId: member.id,
        before: memberState(member),
        after: memberState(unseated),
      });
      return unseated;
    });
  }
}
