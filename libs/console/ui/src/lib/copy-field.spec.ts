import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { CopyField } from './copy-field';

describe('CopyField', () => {
  it('copies its value and says so', async () => {
    const copy = jest.fn(() => true);
    TestBed.configureTestingModule({
      imports: [CopyField],
      providers: [{ provide: Clipboard, useValue: { copy } }],
    });
    const fixture = TestBed.createComponent(CopyField);
    fixture.componentRef.setInput('label', 'Invitation link');
    fixture.componentRef.setInput('value', 'https://warbler.example/invite/abc');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    expect(root.querySelector('input')?.value).toBe('https://warbler.example/invite/abc');
    root.querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();

    expect(copy).toHaveBeenCalledWith('https://warbler.example/invite/abc');
    expect(root.textContent).toContain('Copied to the clipboard');
  });
});
