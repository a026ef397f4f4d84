import { useNavigate } from 'react-router';
import { t } from '../i18n/i18n.js';
import { WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { isTrainingProvider, useActor } from '../workspace/WorkspaceFrame.js';
import { CourseForm } from './CourseForm.js';
import { BackLink, Refusal } from './shared.js';

/** `/app/training/courses/new`: a training provider writes a course; it starts as a draft. */
export function NewCoursePage() {
  const actor = useActor();
  const navigate = useNavigate();
  if (!isTrainingProvider(actor)) return <Refusal title={t('training.newCourse.title')} message={t('training.refused.provider')} />;
  return (
    <>
      <BackLink to="/app/training">{t('training.back.training')}</BackLink>
      <WorkspaceTitle description={t('training.newCourse.description')}>{t('training.newCourse.title')}</WorkspaceTitle>
      <Section title={t('training.newCourse.section')}>
        <CourseForm onSaved={(course) => void navigate(`/app/training/courses/${course.id}`)} onCancel={() => void navigate('/app/training')} />
      </Section>
    </>
  );
}
