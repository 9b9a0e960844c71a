// The attack's exact integer solver (test/support/integer-attack.ts): GLPK's branch and bound, in a process of its
// own because glpk.js is an ES module with a WebAssembly core, which jest's CommonJS sandbox cannot load. It reads
// { model, objectives } from stdin and writes, for each objective, the optimum (or null when the model has none).
import GLPK from 'glpk.js/node';

const glpk = await GLPK();
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { model, objectives } = JSON.parse(input);

const bound = ({ lb, ub }) =>
  lb !== undefined && ub !== undefined
    ? lb === ub
      ? { type: glpk.GLP_FX, lb, ub }
      : { type: glpk.GLP_DB, lb, ub }
    : lb !== undefined
      ? { type: glpk.GLP_LO, lb, ub: 0 }
      : { type: glpk.GLP_UP, lb: 0, ub };
const lp = (variable, direction) => ({
  name: 'attack',
  objective: { direction, name: 'target', vars: [{ name: variable, coef: 1 }] },
  subjectTo: model.constraints.map((c, i) => ({
    name: `c${i}`,
    vars: Object.entries(c.coefs).map(([name, coef]) => ({ name, coef })),
    bnds: bound(c),
  })),
  bounds: model.variables.map((v) => ({ name: v.name, ...bound({ lb: v.lb, ub: v.ub }) })),
  generals: model.variables.filter((v) => !v.binary).map((v) => v.name),
  binaries: model.variables.filter((v) => v.binary).map((v) => v.name),
});
const optimum = (variable, direction) => {
  const { result } = glpk.solve(lp(variable, direction), { msglev: glpk.GLP_MSG_OFF });
  return result.status === glpk.GLP_OPT ? Math.round(result.z) : null;
};
process.stdout.write(
  JSON.stringify(
    objectives.map((v) => ({ variable: v, min: optimum(v, glpk.GLP_MIN), max: optimum(v, glpk.GLP_MAX) })),
  ),
);
