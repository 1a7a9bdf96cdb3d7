import { Field, ObjectType } from '@nestjs/graphql';
import { InvitationModel } from './invitation.model';

/** An invitation with the link that carries its secret: shown once, to whoever sent it. */
@ObjectType('InvitationLink')
export class InvitationLinkModel {
  @Field(() => InvitationModel) invitation!: InvitationModel;
  @Field() acceptUrl!: string;
}
