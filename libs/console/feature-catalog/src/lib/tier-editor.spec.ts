import { TestBed } from '@angular/core/testing';
import { FormArray } from '@angular/forms';
import { tierForm, type TierForm } from './draft-form';
import { TierEditor, tiersValid } from './tier-editor';

describe('TierEditor', () => {
  async function render(tiers: FormArray<TierForm>) {
    const fixture = TestBed.createComponent(TierEditor);
    fixture.componentRef.setInput('tiers', tiers);
    fixture.componentRef.setInput('currency', 'USD');
    await fixture.whenStable();
    return fixture;
  }

  const buttonNamed = (root: HTMLElement, label: string) =>
    [...root.querySelectorAll('button')].find((button) => button.textContent?.includes(label)) as HTMLButtonElement;

  it('prefills a new tier to start where the previous one ends', async () => {
    const tiers = new FormArray([tierForm({ fromUnits: '0', upTo: '', unitPrice: '0.02', flatFee: '0' })]);
    const fixture = await render(tiers);
    tiers.at(0).controls.upTo.setValue('1000');
    buttonNamed(fixture.nativeElement, 'Add tier').click();
    await fixture.whenStable();
    expect(tiers.getRawValue()[1]).toEqual({ fromUnits: '1000', upTo: '', unitPrice: '', flatFee: '0' });
    expect(fixture.nativeElement.querySelectorAll('.tier')).toHaveLength(2);
  });

  it('says which tier is wrong as it is typed, and clears when fixed', async () => {
    const tiers = new FormArray([
      tierForm({ fromUnits: '0', upTo: '1000', unitPrice: '0.02', flatFee: '0' }),
      tierForm({ fromUnits: '1200', upTo: '', unitPrice: '0.01', flatFee: '0' }),
    ]);
    const fixture = await render(tiers);
    expect(fixture.nativeElement.textContent).toContain('Tier 2: Gap: the previous tier ends at 1000');
    expect(tiersValid(tiers)).toBe(false);

    tiers.at(1).controls.fromUnits.setValue('1000');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('.problem')).toBeNull();
    expect(tiersValid(tiers)).toBe(true);
  });

  it('removes a tier', async () => {
    const tiers = new FormArray([
      tierForm({ fromUnits: '0', upTo: '10', unitPrice: '1', flatFee: '0' }),
      tierForm({ fromUnits: '10', upTo: '', unitPrice: '0.5', flatFee: '0' }),
    ]);
    const fixture = await render(tiers);
    (fixture.nativeElement.querySelector('button[aria-label="Remove tier 2"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(tiers.length).toBe(1);
    expect(fixture.nativeElement.textContent).toContain('Tier 1: The last tier must be unbounded');
  });

  it('has nothing valid without tiers', () => {
    expect(tiersValid(new FormArray<TierForm>([]))).toBe(false);
  });
});
