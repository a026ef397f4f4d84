/**
 * The exposure engine's data model: what every feed is normalised to, what an inventory asset looks
 * like to the matcher, and what a match says. Pure types; the feed parsers (`feeds/`) produce
 * `VulnerabilityRecord`s, the matcher (`matcher.ts`) consumes them with `MatchAsset`s.
 */

/** Where a vulnerability record came from. KEV and EPSS enrich records; they are not records. */
export type RecordSource = 'nvd' | 'cve5' | 'csaf';
export type FeedFormat = RecordSource | 'kev' | 'epss';

/** An NVD `cpeMatch` entry (CVE API 2.0), kept as the NVD writes it. */
export type NvdCpeMatch = {
  vulnerable: boolean;
  criteria: string;
  matchCriteriaId?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};
export type NvdNode = { operator: 'AND' | 'OR'; negate?: boolean; cpeMatch: NvdCpeMatch[] };
/** One NVD configuration: its nodes combine with `operator` (OR when absent). */
export type NvdConfiguration = { operator?: 'AND' | 'OR'; negate?: boolean; nodes: NvdNode[] };

/** A CVE 5 `affected` entry (CNA or ADP container), as the record writes it. */
export type Cve5AffectedProduct = {
  vendor?: string;
  product?: string;
  cpes?: string[];
  defaultStatus?: 'affected' | 'unaffected' | 'unknown';
  versions?: {
    version: string;
    status: 'affected' | 'unaffected' | 'unknown';
    versionType?: string;
    lessThan?: string;
    lessThanOrEqual?: string;
    changes?: { at: string; status: 'affected' | 'unaffected' | 'unknown' }[];
  }[];
};

/** The status CSAF gives a product for a vulnerability (`product_status`), reduced to what matching needs. */
export type CsafProductStatus = 'known_affected' | 'fixed' | 'known_not_affected' | 'under_investigation';

/**
 * A CSAF product resolved from the product tree: its vendor and product names from the branches, its
 * version or version range (`product_version` / `product_version_range`, or the text left in the name),
 * and any CPE from `product_identification_helper`. A product made by a relationship ("X installed on
 * Y") names both sides in `relationship`.
 */
export type CsafProduct = {
  productId: string;
  name: string;
  vendor?: string;
  product?: string;
  version?: string;
  versionRange?: string;
  cpe?: string;
  relationship?: { category: string; productId: string; relativeToProductId: string };
  /** For a relationship product: the product it is installed on / part of, resolved from the tree. */
  relativeTo?: Omit<CsafProduct, 'relationship' | 'relativeTo'>;
};

/** Which products a record says are affected, per source. */
export type Applicability =
  | { kind: 'nvd'; configurations: NvdConfiguration[] }
  | { kind: 'cve5'; affected: Cve5AffectedProduct[] }
  | { kind: 'csaf'; advisoryId: string; products: { product: CsafProduct; status: CsafProductStatus }[] };

export type Cvss = { version: string; baseScore: number; severity?: string; vector?: string };

/**
 * One vulnerability as one source describes it. `key` is unique per source and vulnerability:
 * `nvd:CVE-2021-26855`, `cve5:CVE-2021-26855`, `csaf:ICSA-23-026-02:CVE-2023-0001` (a CSAF
 * vulnerability without a CVE uses the advisory id and its index).
 */
export type VulnerabilityRecord = {
  key: string;
  source: RecordSource;
  /** The CVE id, or the advisory id where the vulnerability has no CVE. */
  vulnerabilityId: string;
  /** The CSAF advisory this came from (tracking id), if any. */
  advisoryId?: string;
  title?: string;
  description?: string;
  published?: string;
  modified?: string;
  cvss?: Cvss;
  applicability: Applicability;
};

export type KevEntry = {
  cveId: string;
  vendor: string;
  product: string;
  name: string;
  dateAdded: string;
  dueDate: string;
  requiredAction: string;
  knownRansomwareCampaignUse: string;
};

export type EpssScore = { cveId: string; epss: number; percentile: number };

/** A record a parser could not read: where it is and what is wrong. The rest of the file still imports. */
export type FeedProblem = { location: string; message: string };

/** What a parser returns for one file. */
export type ParsedFeed =
  | { format: 'nvd' | 'cve5' | 'csaf'; records: VulnerabilityRecord[]; problems: FeedProblem[]; publishedAt?: string }
  | { format: 'kev'; entries: KevEntry[]; problems: FeedProblem[]; catalogVersion?: string; publishedAt?: string }
  | { format: 'epss'; scores: EpssScore[]; problems: FeedProblem[]; modelVersion?: string; scoreDate?: string };

/**
 * A component of an asset: the hardware, its firmware or OS, an application. The NVD's "running on"
 * configurations are matched against all components of one asset together.
 */
export type MatchComponent = { id?: string; vendor?: string; product?: string; version?: string; cpes: string[] };
export type MatchAsset = { id: string; components: MatchComponent[] };

export type MatchStatus = 'affected' | 'unknown';

/**
 * Why a record matched. `kind` says which rule applied; the rest names the criterion or product entry
 * and the version test, so a person can check it. `fingerprint` is stable for the same evidence (used
 * to re-apply a false-positive decision when the same evidence comes back).
 */
export type MatchEvidence = {
  kind: 'nvd-configuration' | 'cve5-affected' | 'csaf-product';
  component?: string;
  /** NVD: the vulnerable criteria that matched, and the platform criteria that were present. */
  criteria?: string[];
  platform?: string[];
  /** CVE 5 / CSAF: the vendor, product and version range of the entry that matched. */
  vendor?: string;
  product?: string;
  range?: string;
  productId?: string;
  assetVersion?: string;
  /** Why the answer is `unknown` (versions not comparable, a range that needs review, no version). */
  reason?: string;
  fingerprint: string;
};

export type Match = {
  asset: string;
  vulnerability: string;
  status: MatchStatus;
  source: RecordSource;
  kev: boolean;
  evidence: MatchEvidence;
};
