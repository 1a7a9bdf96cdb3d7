import { chargeForm, tierForm } from './draft-form';

describe('chargeForm', () => {
  it('asks for a unit price only while the model uses one', () => {
    const charge = chargeForm(undefined, 'messages_sent');
    expect(charge.controls.model.value).toBe('PER_UNIT');
    expect(charge.controls.unitPrice.hasError('required')).toBe(true);

    charge.controls.model.setValue('GRADUATED');
    charge.controls.tiers.push(tierForm({ fromUnits: '0', upTo: '', unitPrice: '0.01', flatFee: '0' }));
    expect(charge.valid).toBe(true);

    charge.controls.model.setValue('PER_UNIT');
    expect(charge.valid).toBe(false);
  });

  it('wants a package size above zero for a package charge', () => {
    const charge = chargeForm(undefined, 'ai_tokens');
    charge.controls.model.setValue('PACKAGE');
    charge.controls.unitPrice.setValue('2');
    for (const size of ['', '0', '0.000']) {
      charge.controls.packageSize.setValue(size);
      expect(charge.controls.packageSize.valid).toBe(false);
    }
    for (const size of ['1000', '0.5', '10.25']) {
      charge.controls.packageSize.setValue(size);
      expect(charge.controls.packageSize.valid).toBe(true);
    }
    charge.controls.model.setValue('VOLUME');
    charge.controls.packageSize.setValue('');
    expect(charge.controls.packageSize.valid).toBe(true);
  });
});
