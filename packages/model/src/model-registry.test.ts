import { defineAddon } from '@bindery/component';
import { describe, expect, it } from 'vitest';
import { buildAppRegistries } from './app-registries.js';
import { loyaltyAddon, shopAddon } from './__fixtures__/shop-addon.js';
import { ModelDefinitionError } from './errors/model-definition-error.js';
import { UnknownModelError } from './errors/unknown-model-error.js';
import { field } from './fields/field-definition.js';
import { modelAddon } from './model-addon.js';
import { defineModel, extendModel } from './model-definition.js';

function buildWith(...models: Parameters<typeof defineAddon>[0]['models'][]) {
  return buildAppRegistries([
    defineAddon({ name: 'x', depends: [shopAddon], models: models.flatMap((m) => m ?? []) }),
  ]);
}

describe('ModelRegistry', () => {
  it('resolves tables, columns, record names and flags', () => {
    const { models } = buildAppRegistries([shopAddon]);
    const order = models.get('sale.order');
    expect(order).toMatchObject({
      table: 'sale_order',
      recordName: 'name',
      implementsSyncer: true,
      syncEntire: false,
      addons: ['test-shop'],
    });
    expect(order.columns).toEqual(['id', 'name', 'partner_id', 'amount', 'state']);
    expect([...order.fields.keys()]).toContain('line_ids');
    expect(models.get('sale.order.line').recordName).toBe('product');
    expect(models.names()).toEqual(['res.partner', 'sale.order', 'sale.order.line']);
  });

  it("lets another addon add fields to a model it does not own (Odoo's _inherit)", () => {
    const { models } = buildAppRegistries([loyaltyAddon]);
    const partner = models.get('res.partner');
    expect(partner.fields.get('loyalty_points')?.type).toBe('integer');
    expect(partner.addons).toEqual(['test-shop', 'test-loyalty']);
  });

  it('merges flags from extensions', () => {
    const { models } = buildWith([
      extendModel('res.partner', { implementsSyncer: true, syncEntire: true }),
    ]);
    expect(models.get('res.partner')).toMatchObject({ implementsSyncer: true, syncEntire: true });
  });

  it('rejects unknown models by name with the known ones', () => {
    const { models } = buildAppRegistries([shopAddon]);
    expect(() => models.get('res.users')).toThrow(UnknownModelError);
    expect(() => models.get('res.users')).toThrow(
      'Known models: res.partner, sale.order, sale.order.line',
    );
  });

  it.each([
    [
      'duplicate-model',
      () => buildWith([defineModel({ name: 'res.partner', fields: {} })]),
      'already defined',
    ],
    [
      'unknown-model',
      () => buildWith([extendModel('res.users', { fields: {} })]),
      "Cannot extend model 'res.users'",
    ],
    [
      'duplicate-field',
      () => buildWith([extendModel('res.partner', { fields: { email: field.text() } })]),
      "already has a field 'email'",
    ],
    [
      'unknown-model',
      () => buildWith([defineModel({ name: 'a.b', fields: { c_id: field.many2one('c.d') } })]),
      "unknown model 'c.d'",
    ],
    [
      'invalid-field',
      () => buildWith([defineModel({ name: 'a.b', fields: { 'Bad-Name': field.text() } })]),
      'snake_case',
    ],
    [
      'invalid-model',
      () => buildWith([defineModel({ name: 'Bad Name', fields: {} })]),
      'dotted lowercase',
    ],
    [
      'invalid-field',
      () => buildWith([defineModel({ name: 'a.b', fields: {}, recordName: 'title' })]),
      "recordName 'title'",
    ],
  ])('rejects %s', (code, build, message) => {
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelDefinitionError);
      expect((error as ModelDefinitionError).code).toBe(code);
      expect((error as Error).message).toContain(message);
      return;
    }
    throw new Error('expected a ModelDefinitionError');
  });

  it('always includes the model addon and its dependencies', () => {
    const { addons } = buildAppRegistries([]);
    expect(addons.map((a) => a.name)).toEqual(['component', 'component-event', 'model']);
    expect(modelAddon.name).toBe('model');
  });
});
