import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { InvitationModel as InvitationRow } from '@warbler/api/core';
import { TenantRole } from '@warbler/api/identity';

@ObjectType('Invitation')
export class InvitationModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => TenantRole) role!: TenantRole;
  @Field() assignSeat!: boolean;
  @Field() expiresAt!: Date;
  @Field() lastSentAt!: Date;
  @Field(() => Int) sendCount!: number;
  @Field() expired!: boolean;
}

export function toInvitation(invitation: InvitationRow, now = new Date()): InvitationModel {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    assignSeat: invitation.assignSeat,
    expiresAt: invitation.expiresAt,
    lastSentAt: invitation.lastSentAt,
    sendCount: invitation.sendCount,
    expired: invitation.expiresAt <= now,
  };
}
