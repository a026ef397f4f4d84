import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.js';
import { canEditAssessment, requireSignedIn, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { assessmentAccess } from '../assessments/service.js';
import { assistanceDeliverableAccess } from '../assistance/service.js';
import { projectAccess } from '../cities/service.js';
import { pairingAccess } from '../exchanges/service.js';
import { practiceAccess } from '../library/service.js';
import { pipelineProjectAccess } from '../pipeline/service.js';
import { deleteDocument as deleteDocumentRow, findDocument, insertDocument, listDocuments as listDocumentRows } from './queries.js';
import { documentStorage } from './storage.js';

/** The kinds of file Mitra accepts, decided by their content, never by the name or the sender's claim. */
const acceptedMediaTypes = new Map<string, string>([
  ['application/pdf', 'PDF'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word document'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel workbook'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint presentation'],
  ['application/vnd.oasis.opendocument.text', 'OpenDocument text'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument spreadsheet'],
  ['application/x-cfb', 'Office 97-2003 document'],
  ['image/png', 'PNG image'],
  ['image/jpeg', 'JPEG image'],
]);

/**
 * Each kind of record that can hold documents says who may see and change its attachments.
 * Modules add their own owner type here.
 */
type OwnerAccess = {
  canView: true;
  canEdit: boolean;
  /** Why an editor of the record cannot change its documents right now (e.g. it is frozen), to answer with instead of a plain refusal. */
  refusal?: AppError;
};
const owners: Record<string, (db: Db, viewer: Viewer, ownerId: string) => Promise<OwnerAccess>> = {
  scap_project: async (db, viewer, ownerId) => {
    const { canEdit } = await projectAccess(db, viewer, ownerId);
    return { canView: true, canEdit };
  },
  practice: async (db, viewer, ownerId) => {
    const { canEdit } = await practiceAccess(db, viewer, ownerId);
    return { canView: true, canEdit };
  },
  pairing: async (db, viewer, ownerId) => {
    const { canEdit } = await pairingAccess(db, viewer, ownerId);
    return { canView: true, canEdit };
  },
  investment_project: async (db, viewer, ownerId) => {
    const { canEdit } = await pipelineProjectAccess(db, viewer, ownerId);
    return { canView: true, canEdit };
  },
  assistance_request: async (db, viewer, ownerId) => {
    const { canEdit, refusal } = await assistanceDeliverableAccess(db, viewer, ownerId);
    return { canView: true, canEdit, refusal };
  },
  assessment: async (db, viewer, ownerId) => {
    const { assessment, canEdit } = await assessmentAccess(db, viewer, ownerId);
    const frozen = assessment.status !== 'draft' && canEditAssessment(viewer, assessment);
    return {
      canView: true,
      canEdit,
      refusal: frozen ? new AppError('conflict', 'The assessment is submitted, so its attachments can no longer change. Start a new assessment to record later evidence.') : undefined,
    };
  },
};

async function ownerAccess(db: Db, viewer: Viewer, ownerType: string, ownerId: string) {
  const check = owners[ownerType];
  if (!check) throw notFound('The record');
  return check(db, viewer, ownerId);
}

const present = (row: Awaited<ReturnType<typeof findDocument>> & object) => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function listDocuments(db: Db, viewer: Viewer, ownerType: string, ownerId: string) {
  const access = await ownerAccess(db, viewer, ownerType, ownerId);
  const rows = await listDocumentRows(db, ownerType, ownerId);
  return { items: rows.map(present), canUpload: access.canEdit };
}

export async function uploadDocument(
  ctx: AppContext,
  viewer: Viewer,
  owner: { ownerType: string; ownerId: string },
  file: { fileName: string; bytes: Buffer },
) {
  const actor = requireSignedIn(viewer);
  const access = await ownerAccess(ctx.db, viewer, owner.ownerType, owner.ownerId);
  if (!access.canEdit) throw access.refusal ?? forbidden('You may see this record but not add documents to it.');
  if (file.bytes.length === 0) throw new AppError('validation_failed', 'The file is empty.', [{ field: 'file', message: 'empty' }]);
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!detected || !acceptedMediaTypes.has(detected.mime)) {
    const accepted = [...new Set(acceptedMediaTypes.values())].join(', ');
    throw new AppError(
      'unsupported_media_type',
      `"${file.fileName}" is ${detected ? `a ${detected.mime} file` : 'not a file type Mitra recognises'}. Mitra accepts: ${accepted}.`,
    );
  }
  const id = randomUUID();
  const storage = documentStorage(ctx.config);
  await storage.put(id, file.bytes);
  try {
    const created = await inTransaction(ctx, async (tx) => {
      const row = await insertDocument(tx, {
        id,
        ...owner,
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
        fileName: file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200),
        mediaType: detected.mime,
        sizeBytes: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        storageKey: id,
        uploadedBy: actor.userId,
      });
      await writeAudit(tx, actor, { action: 'document.uploaded', entityType: 'document', entityId: id, after: row });
      return row;
    });
    return present(created);
  } catch (error) {
    await storage.remove(id);
    throw error;
  }
}

async function loadDocument(db: Db, viewer: Viewer, documentId: string) {
  const row = await findDocument(db, documentId);
  if (!row) throw notFound('The document');
  try {
    const access = await ownerAccess(db, viewer, row.ownerType, row.ownerId);
    return { row, access };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound('The document');
    throw error;
  }
}

export async function readDocument(ctx: AppContext, viewer: Viewer, documentId: string) {
  const { row } = await loadDocument(ctx.db, viewer, documentId);
  return { document: row, bytes: await documentStorage(ctx.config).get(row.storageKey) };
}

export async function deleteDocument(ctx: AppContext, viewer: Viewer, documentId: string) {
  const actor = requireSignedIn(viewer);
  const { row, access } = await loadDocument(ctx.db, viewer, documentId);
  if (!access.canEdit) throw access.refusal ?? forbidden('You may see this document but not remove it.');
  await inTransaction(ctx, async (tx) => {
    await deleteDocumentRow(tx, documentId);
    await writeAudit(tx, actor, { action: 'document.deleted', entityType: 'document', entityId: documentId, before: row });
  });
  await documentStorage(ctx.config).remove(row.storageKey);
}
