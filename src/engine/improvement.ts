/**
 * The one definition of "improved" that every learner in a run uses: the
 * bandit's reward for a mutator and a mutator's reward for its operator. A
 * child improved when it has a fitness (its evaluation was ok and met the
 * constraints) that beats its parent's. Beating the parent rather than the
 * run's best keeps the signal alive late in a run, when new bests are rare,
 * and does not credit a mutator for a lucky parent choice.
 */
export function improvedOnParent(fitness: number | null, parentFitness: number | null): boolean {
  return fitness !== null && parentFitness !== null && fitness > parentFitness;
}
