/**
 * The checklist's data: rules/materials.json (what to bring, by step) and
 * rules/checklist-steps.json (the steps in order, which planner dates belong to each, and tips).
 * Both are validated on load; errors name the file and the field.
 */
import type { z } from 'zod';
import { loadJsonFile, rulesPath, sourced } from '../core/rules-loader.js';
import { lazySchema, type Zod } from '../core/schema.js';
import { conditionsSchema } from './conditions.js';

export const stepIds = ['enroll', 'apply', 'production', 'collect', 'after'] as const;
export type StepId = (typeof stepIds)[number];

const text = (z: Zod) => z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const id = (z: Zod) => z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case');

const itemSchema = (z: Zod) => z
  .object({
    id: id(z),
    steps: z.array(z.enum(stepIds)).min(1),
    text: text(z),
    /** Bring the original document. */
    original: z.boolean(),
    /** Bring a photocopy. */
    copy: z.boolean(),
    pages: text(z).optional(),
    note: text(z).optional(),
    conditions: conditionsSchema(z).optional(),
    ...sourced(z),
  })
  .strict();

const materialsSchema = (z: Zod) => z
  .object({ $comment: z.string().optional(), items: z.array(itemSchema(z)).min(1) })
  .strict()
  .superRefine((data, ctx) => uniqueIds(data.items, ['items'], ctx));

const tipSchema = (z: Zod) => z.object({ id: id(z), text: text(z), conditions: conditionsSchema(z).optional(), ...sourced(z) }).strict();

/** The steps file names planner milestones, so the planner's ids are part of its schema. */
function stepsSchema(z: Zod, knownMilestones: readonly string[]) {
  const step = z
    .object({
      id: z.enum(stepIds),
      title: text(z),
      /** The step is already behind the family when this holds (e.g. enrolled and paid). */
      doneWhen: conditionsSchema(z).optional(),
      /** Planner milestones shown in this step, by milestone id, each with its own conditions. */
      milestones: z.array(z.object({ id: z.enum(knownMilestones as [string, ...string[]]), conditions: conditionsSchema(z).optional() }).strict()),
      tips: z.array(tipSchema(z)),
    })
    .strict();
  return z
    .object({ $comment: z.string().optional(), steps: z.array(step) })
    .strict()
    .superRefine((data, ctx) => {
      const order = data.steps.map((s) => s.id).join(',');
      // The expected order is the message: it is all a fix needs.
      if (order !== stepIds.join(',')) ctx.addIssue({ code: 'custom', path: ['steps'], message: stepIds.join(' → ') });
      data.steps.forEach((s, index) => uniqueIds(s.tips, ['steps', index, 'tips'], ctx));
    });
}

function uniqueIds(list: Array<{ id: string }>, path: Array<string | number>, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  list.forEach((entry, index) => {
    const earlier = first.get(entry.id);
    // Schema messages are tokens that read the same in Chinese and English (zod words the rest): "the same as that id".
    if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `"${entry.id}" = ${[...path, earlier, 'id'].join('.')}` });
    else first.set(entry.id, index);
  });
}

export type MaterialItem = z.infer<ReturnType<typeof itemSchema>>;
export type StepRule = z.infer<ReturnType<typeof stepsSchema>>['steps'][number];
export type Tip = z.infer<ReturnType<typeof tipSchema>>;

export interface ChecklistRules {
  items: MaterialItem[];
  steps: StepRule[];
}

let cached: ChecklistRules | undefined;

/**
 * Load both files once; `knownMilestones` are the planner's rule ids, which the steps file must use.
 * The schemas are built only if a file needs validating (../core/rules-loader.ts).
 */
export function loadChecklistRules(knownMilestones: readonly string[]): ChecklistRules {
  cached ??= {
    items: loadJsonFile(rulesPath('materials.json'), lazySchema('materials', materialsSchema)).items,
    steps: loadJsonFile(rulesPath('checklist-steps.json'), lazySchema('checklist-steps', (z) => stepsSchema(z, knownMilestones))).steps,
  };
  return cached;
}
