import { describe, expect, it } from 'vitest';
import { NATIONAL_PROCESSES } from './internal-process.js';
import { statusAfter, stepActionsFor, stepAfter, stepProblem, type StepState } from './steps.js';

const receiving = { username: 'tn', unitRoles: ['receiving'] };
const specialist = { username: 'cv1', unitRoles: ['specialist'] };
const other = { username: 'cv2', unitRoles: ['specialist'] };
const leader = { username: 'ld', unitRoles: ['leader'] };
const unitAccount = { username: 'commune-00004', unitRoles: [] };
const spec = { username: 'cv1', unitRoles: ['specialist'] };
const result = { number: '12/QĐ-UBND', date: '2026-03-10', signer: 'Nguyễn Văn A', hasFile: true };

const at = (step: StepState['step'], extra: Partial<StepState> = {}): StepState => ({
  status: step === 'return' ? 'processed' : step === 'assign' ? 'received' : 'in_processing',
  step,
  assigneeUsername: step === 'assign' ? null : 'cv1',
  process: NATIONAL_PROCESSES.standard,
  ...extra,
});

describe('who may do what in which step', () => {
  it('assign: the leader, the receiving officer or the unit account, to a specialist of the unit', () => {
    expect(stepProblem(at('assign'), 'assign', leader, { assignee: spec })).toBeNull();
    expect(stepProblem(at('assign'), 'assign', receiving, { assignee: spec })).toBeNull();
    expect(stepProblem(at('assign'), 'assign', unitAccount, { assignee: spec })).toBeNull();
    expect(stepProblem(at('assign'), 'assign', specialist, { assignee: spec })).toBe('not_your_role');
    expect(
      stepProblem(at('assign'), 'assign', leader, { assignee: { username: 'tn', unitRoles: ['receiving'] } }),
    ).toBe('assignee_not_specialist');
    expect(stepProblem(at('assign'), 'assign', leader, { assignee: null })).toBe('assignee_not_specialist');
    // Reassigning in processing: the leader only.
    expect(stepProblem(at('process'), 'assign', leader, { assignee: spec })).toBeNull();
    expect(stepProblem(at('process'), 'assign', receiving, { assignee: spec })).toBe('not_your_role');
  });

  it('pick: a specialist takes an unassigned dossier; the second one finds it taken', () => {
    expect(stepProblem(at('assign'), 'pick', specialist)).toBeNull();
    expect(stepProblem(at('assign'), 'pick', leader)).toBe('not_your_role');
    expect(stepProblem(at('assign'), 'pick', unitAccount)).toBe('not_a_person');
    expect(stepProblem(at('assign', { assigneeUsername: 'cv1' }), 'pick', other)).toBe('already_taken');
    expect(stepProblem(at('process'), 'pick', other)).toBe('already_taken');
  });

  it('submit: only the assigned specialist', () => {
    expect(stepProblem(at('process'), 'submit', specialist)).toBeNull();
    expect(stepProblem(at('process'), 'submit', other)).toBe('not_assignee');
    expect(stepProblem(at('process'), 'submit', unitAccount)).toBe('not_a_person');
    expect(stepProblem(at('approve'), 'submit', specialist)).toBe('wrong_step');
  });

  it('verify and approve: a leader who is a person and did not process it', () => {
    expect(stepProblem(at('verify'), 'verify', leader)).toBeNull();
    expect(stepProblem(at('approve'), 'approve', leader)).toBeNull();
    expect(stepProblem(at('approve'), 'approve', specialist)).toBe('not_your_role');
    expect(stepProblem(at('approve'), 'approve', unitAccount)).toBe('not_a_person');
    expect(stepProblem(at('approve'), 'approve', receiving)).toBe('not_your_role');
    const both = { username: 'cv1', unitRoles: ['specialist', 'leader'] };
    expect(stepProblem(at('approve'), 'approve', both)).toBe('own_work');
    expect(stepProblem(at('process'), 'approve', leader)).toBe('wrong_step');
  });

  it('send back: a leader, with a reason', () => {
    expect(stepProblem(at('approve'), 'send_back', leader, { reason: 'Thiếu chữ ký người làm chứng' })).toBeNull();
    expect(stepProblem(at('approve'), 'send_back', leader, { reason: '  ' })).toBe('reason_required');
    expect(stepProblem(at('approve'), 'send_back', leader)).toBe('reason_required');
    expect(stepProblem(at('verify'), 'send_back', specialist, { reason: 'không đủ' })).toBe('not_your_role');
  });

  it('return the result: only with its number, date, signer and file', () => {
    expect(stepProblem(at('return'), 'return_result', receiving, { result })).toBeNull();
    expect(stepProblem(at('return'), 'return_result', unitAccount, { result })).toBeNull();
    expect(stepProblem(at('return'), 'return_result', specialist, { result })).toBe('not_your_role');
    for (const missing of ['number', 'date', 'signer'] as const)
      expect(stepProblem(at('return'), 'return_result', receiving, { result: { ...result, [missing]: '' } })).toBe(
        'result_required',
      );
    expect(stepProblem(at('return'), 'return_result', receiving, { result: { ...result, hasFile: false } })).toBe(
      'result_required',
    );
    expect(stepProblem(at('approve'), 'return_result', receiving, { result })).toBe('wrong_step');
  });
});

describe('where each step leads', () => {
  it('through the process in order, verify only when the process has it; send back goes to processing', () => {
    expect(stepAfter(NATIONAL_PROCESSES.standard, 'process', 'submit')).toBe('verify');
    expect(stepAfter(NATIONAL_PROCESSES.short, 'process', 'submit')).toBe('approve');
    expect(stepAfter(NATIONAL_PROCESSES.standard, 'verify', 'verify')).toBe('approve');
    expect(stepAfter(NATIONAL_PROCESSES.standard, 'approve', 'approve')).toBe('return');
    expect(stepAfter(NATIONAL_PROCESSES.standard, 'approve', 'send_back')).toBe('process');
    expect(stepAfter(NATIONAL_PROCESSES.standard, 'return', 'return_result')).toBeNull();
  });

  it('keeps the portal statuses: received → in processing on assignment, processed on approval, returned', () => {
    expect(statusAfter('received', 'pick')).toBe('in_processing');
    expect(statusAfter('in_processing', 'submit')).toBe('in_processing');
    expect(statusAfter('in_processing', 'approve')).toBe('processed');
    expect(statusAfter('processed', 'return_result')).toBe('returned');
  });

  it('offers each person the actions of their step', () => {
    expect(stepActionsFor(at('assign'), specialist)).toEqual(['pick']);
    expect(stepActionsFor(at('assign'), leader)).toEqual(['assign']);
    expect(stepActionsFor(at('process'), specialist)).toEqual(['submit']);
    expect(stepActionsFor(at('process'), other)).toEqual([]);
    expect(stepActionsFor(at('approve'), leader)).toEqual(['approve', 'send_back']);
    expect(stepActionsFor(at('return'), receiving)).toEqual(['return_result']);
    expect(stepActionsFor(at('approve', { status: 'supplement_requested' }), leader)).toEqual([]);
  });
});
