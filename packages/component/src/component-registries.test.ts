import { describe, expect, it } from 'vitest';
import { ComponentRegistries } from './component-registries.js';
import { buildRegistry, ComponentRegistry } from './component-registry.js';
import { ComponentError } from './errors/component-error.js';
import { RegistryNotReadyError } from './errors/registry-not-ready-error.js';

describe('ComponentRegistries (D4, D9; one registry per tenant)', () => {
  it('keeps one registry per key and reports readiness', () => {
    const registries = new ComponentRegistries();
    const a = buildRegistry([], { key: 'tenant-a' });
    const b = new ComponentRegistry({ key: 'tenant-b' });
    registries.add(a).add(b);
    expect(registries.get('tenant-a')).toBe(a);
    expect(registries.isReady('tenant-a')).toBe(true);
    expect(registries.isReady('tenant-b')).toBe(false);
    expect(registries.isReady('tenant-c')).toBe(false);
    expect(registries.keys()).toEqual(['tenant-a', 'tenant-b']);
  });

  it('require() throws RegistryNotReadyError with the key, interpolated (§3.1.4)', () => {
    const registries = new ComponentRegistries().add(new ComponentRegistry({ key: 'db1' }));
    expect(() => registries.require('db1')).toThrow("Component registry 'db1' is not ready");
    expect(() => registries.require('db2')).toThrow(
      "Component registry 'db2' is not ready: no registry exists for this key.",
    );
    try {
      registries.require('db2');
    } catch (error) {
      expect(error).toBeInstanceOf(RegistryNotReadyError);
      expect((error as RegistryNotReadyError).registryKey).toBe('db2');
      expect(ComponentError.isInstance(error)).toBe(true);
      expect((error as Error).name).toBe('RegistryNotReadyError');
    }
  });

  it('replaces a registry on rebuild and can forget one', () => {
    const registries = new ComponentRegistries();
    const first = buildRegistry([], { key: 'k' });
    const second = buildRegistry([], { key: 'k' });
    registries.add(first).add(second);
    expect(registries.require('k')).toBe(second);
    expect(registries.delete('k')).toBe(true);
    expect(registries.get('k')).toBeUndefined();
  });
});

describe('ComponentError.isInstance', () => {
  it('recognises errors by marker, not by class identity', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@bindery/component.error')]: true,
    });
    expect(ComponentError.isInstance(foreign)).toBe(true);
    expect(ComponentError.isInstance(new Error('plain'))).toBe(false);
    expect(ComponentError.isInstance(null)).toBe(false);
  });
});
