/** Scoring of an end-of-course quiz: one correct option per question. Pure: data in, data out. */

export type QuizKeyQuestion = { id: string; options: readonly string[]; correctOption: number };
export type QuizScore = { correct: number; total: number; scorePercent: number; passed: boolean; problems: string[] };

/**
 * Scores the answers (questionId → option index). Every question must be answered with an existing
 * option, and nothing else may be sent: `problems` names each question that is not, and then the
 * attempt must be refused rather than scored.
 */
export function scoreQuiz(questions: readonly QuizKeyQuestion[], answers: Readonly<Record<string, number>>, passMarkPercent: number): QuizScore {
  const problems: string[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) problems.push(`"${id}" is not a question of this quiz`);
  let correct = 0;
  questions.forEach((question, index) => {
    const chosen = answers[question.id];
    if (chosen === undefined) problems.push(`question ${index + 1} is not answered`);
    else if (!Number.isInteger(chosen) || chosen < 0 || chosen >= question.options.length) problems.push(`question ${index + 1} has no option ${chosen}`);
    else if (chosen === question.correctOption) correct += 1;
  });
  const total = questions.length;
  const scorePercent = total === 0 ? 0 : Math.round((correct / total) * 100);
  return { correct, total, scorePercent, passed: total > 0 && scorePercent >= passMarkPercent, problems };
}
