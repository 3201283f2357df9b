import { describe, expect, it } from 'vitest';
import { nextPath } from './LoginView';

describe('after login', () => {
  it('goes back to the page of this app that sent the visitor', () => {
    expect(nextPath('?next=%2Faccounts%3Ftier%3DA')).toBe('/accounts?tier=A');
    expect(nextPath('')).toBe('/');
  });
  it('never leaves the app (no open redirect) and never loops to /login', () => {
    expect(nextPath('?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(nextPath('?next=%2F%2Fevil.example')).toBe('/');
    expect(nextPath('?next=%2Flogin%3Fnext%3D%2F')).toBe('/');
    expect(nextPath('?next=javascript%3Aalert(1)')).toBe('/');
  });
});
