import { registerEnumType } from '@nestjs/graphql';
import {
  BillingInterval,
  ChargeModel,
  MetricAggregation,
  PlanVersionStatus,
  QuotaEnforcement,
} from '@warbler/api/core';

// Registration is keyed by the enum object, so metering registering the same ones is harmless.
registerEnumType(MetricAggregation, { name: 'MetricAggregation' });
registerEnumType(QuotaEnforcement, { name: 'QuotaEnforcement' });
registerEnumType(PlanVersionStatus, { name: 'PlanVersionStatus' });
registerEnumType(BillingInterval, { name: 'BillingInterval' });
registerEnumType(ChargeModel, { name: 'ChargeModel' });

export { BillingInterval, ChargeModel, MetricAggregation, PlanVersionStatus, QuotaEnforcement };
