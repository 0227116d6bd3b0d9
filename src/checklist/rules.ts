/**
 * The checklist's data: rules/materials.json (what to bring, by step) and
 * rules/checklist-steps.json (the steps in order, which planner dates belong to each, and tips).
 * Both are validated on load; errors name the file and the field.
 */
import { z } from 'zod';
import { ShebaoError } from '../core/errors.js';
import { loadJsonFile, rulesPath, sourced } from '../core/rules-loader.js';
import { conditionsSchema } from './conditions.js';

export const stepIds = ['enroll', 'apply', 'production', 'collect', 'after'] as const;
export type StepId = (typeof stepIds)[number];

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case kebab-case id');

const itemSchema = z
  .object({
    id,
    steps: z.array(z.enum(stepIds)).min(1),
    text,
    /** Bring the original document. */
    original: z.boolean(),
    /** Bring a photocopy. */
    copy: z.boolean(),
    pages: text.optional(),
    note: text.optional(),
    conditions: conditionsSchema.optional(),
    ...sourced,
  })
  .strict();

const materialsSchema = z
  .object({ $comment: z.string().optional(), items: z.array(itemSchema).min(1) })
  .strict()
  .superRefine((data, ctx) => uniqueIds(data.items, ['items'], ctx));

const tipSchema = z.object({ id, text, conditions: conditionsSchema.optional(), ...sourced }).strict();

const stepSchema = z
  .object({
    id: z.enum(stepIds),
    title: text,
    /** The step is already behind the family when this holds (e.g. enrolled and paid). */
    doneWhen: conditionsSchema.optional(),
    /** Planner milestones shown in this step, by milestone id, each with its own conditions. */
    milestones: z.array(z.object({ id, conditions: conditionsSchema.optional() }).strict()),
    tips: z.array(tipSchema),
  })
  .strict();

const stepsSchema = z
  .object({ $comment: z.string().optional(), steps: z.array(stepSchema) })
  .strict()
  .superRefine((data, ctx) => {
    const order = data.steps.map((step) => step.id).join(',');
    if (order !== stepIds.join(',')) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `expected the steps ${stepIds.join(', ')} in this order, found ${order}` });
    }
    data.steps.forEach((step, index) => uniqueIds(step.tips, ['steps', index, 'tips'], ctx));
  });

function uniqueIds(list: Array<{ id: string }>, path: Array<string | number>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
  });
}

export type MaterialItem = z.infer<typeof itemSchema>;
export type StepRule = z.infer<typeof stepSchema>;
export type Tip = z.infer<typeof tipSchema>;

export interface ChecklistRules {
  items: MaterialItem[];
  steps: StepRule[];
}

let cached: ChecklistRules | undefined;

/** Load both files once; `knownMilestones` are the planner's rule ids, which the steps file must use. */
export function loadChecklistRules(knownMilestones: readonly string[]): ChecklistRules {
  if (cached) return cached;
  const items = loadJsonFile(rulesPath('materials.json'), materialsSchema).items;
  const file = rulesPath('checklist-steps.json');
  const steps = loadJsonFile(file, stepsSchema).steps;
  for (const [index, step] of steps.entries()) {
    for (const [m, milestone] of step.milestones.entries()) {
      if (!knownMilestones.includes(milestone.id)) {
        throw new ShebaoError(
          `规则文件有误 / invalid rules file ${file}:\n  steps.${index}.milestones.${m}.id: unknown planner milestone "${milestone.id}" (known: ${knownMilestones.join(', ')})`,
        );
      }
    }
  }
  cached = { items, steps };
  return cached;
}
