import type { ImportIssue } from '../ImportModel.js';
import type { ReqifHeader } from './ReqifContent.js';

/**
 * ATTRIBUTE-DEFINITION LONG-NAMEs that contain a requirement's identifier, title and text, in order of
 * preference: the first name with a value on a SPEC-OBJECT wins. The `ReqIF.*` names are the conventions
 * of the ReqIF Implementation Guide of the prostep ivip association.
 */
export interface AttributeRoles {
  identifier: string[];
  title: string[];
  text: string[];
  /** Attributes whose value makes a SPEC-OBJECT without text a heading, such as `ReqIF.ChapterName`. */
  heading: string[];
}

/** A tool whose exports we recognise, with the attribute names it writes. */
export interface ToolProfile {
  /** Source system name for `ImportBatch.source.system`. */
  system: string;
  /** Tested against REQ-IF-TOOL-ID, then SOURCE-TOOL-ID. */
  pattern: RegExp;
  roles: AttributeRoles;
}

const GUIDE_ROLES: AttributeRoles = {
  identifier: ['ReqIF.ForeignID'],
  title: ['ReqIF.Name', 'ReqIF.ChapterName'],
  text: ['ReqIF.Text'],
  heading: ['ReqIF.ChapterName'],
};

/**
 * Known exporters. DOORS Next and DOORS Classic both start with "IBM", so DOORS Next comes first.
 * Anonymised Polarion exports keep only "ReqIF Roundtrip", the name of Polarion's ReqIF exporter.
 */
export const TOOL_PROFILES: readonly ToolProfile[] = [
  {
    system: 'DOORS Next',
    pattern: /DOORS Next|Engineering Requirements|Requirements Management|\bRDNG\b|^IBM$/i,
    roles: { identifier: ['Identifier', 'ReqIF.ForeignID'], title: ['ReqIF.Name', 'Title', 'ReqIF.ChapterName'], text: ['ReqIF.Text', 'Primary Text'], heading: ['ReqIF.ChapterName'] },
  },
  {
    system: 'DOORS',
    pattern: /DOORS/i,
    roles: {
      identifier: ['Object Identifier', 'ReqIF.ForeignID', 'Absolute Number'],
      title: ['ReqIF.Name', 'Object Heading', 'ReqIF.ChapterName'],
      text: ['ReqIF.Text', 'Object Text'],
      heading: ['Object Heading', 'ReqIF.ChapterName'],
    },
  },
  {
    system: 'Polarion',
    pattern: /Polarion|ReqIF Roundtrip/i,
    roles: { identifier: ['ReqIF.ForeignID', 'ID'], title: ['ReqIF.Name', 'Title', 'ReqIF.ChapterName'], text: ['ReqIF.Text', 'Description'], heading: ['ReqIF.ChapterName'] },
  },
  {
    system: 'ReqIF Studio',
    pattern: /ReqIF Studio|reqif\.academy|formalmind/i,
    roles: GUIDE_ROLES,
  },
  {
    system: 'Eclipse RMF',
    pattern: /\bProR\b|\bRMF\b|Requirements Modeling Framework/i,
    roles: GUIDE_ROLES,
  },
];

/** The profile used when no known tool matches: the Implementation Guide names only. */
export const GENERIC_PROFILE: ToolProfile = { system: 'ReqIF', pattern: /.^/, roles: GUIDE_ROLES };

/** Returns the profile of the tool named in the header, or the generic one. */
export function detectTool(header: ReqifHeader | undefined): ToolProfile {
  for (const toolId of [header?.reqifToolId, header?.sourceToolId]) {
    if (toolId === undefined) {
      continue;
    }
    const profile = TOOL_PROFILES.find((candidate) => candidate.pattern.test(toolId.trim()));
    if (profile !== undefined) {
      return profile;
    }
  }
  return GENERIC_PROFILE;
}

/** Returns the roles to use: the profile's, with each list replaced where the caller configured one. */
export function resolveRoles(profile: ToolProfile, configured: Partial<AttributeRoles> | undefined): AttributeRoles {
  return {
    identifier: configured?.identifier ?? profile.roles.identifier,
    title: configured?.title ?? profile.roles.title,
    text: configured?.text ?? profile.roles.text,
    heading: configured?.heading ?? profile.roles.heading,
  };
}

/**
 * Returns a warning when the documents of an archive come from different tools. The batch has one source
 * system and one set of attribute names, those of the first document's tool, so without the warning the
 * other documents' requirements would carry that tool as their origin unnoticed.
 */
export function mixedToolsWarning(headers: readonly ReqifHeader[], chosen: ToolProfile, archive: string): ImportIssue | undefined {
  const tools = headers.map((header) => ({ file: header.file, system: detectTool(header).system }));
  if (new Set(tools.map((tool) => tool.system)).size < 2) {
    return undefined;
  }
  const listed = tools.map((tool) => `${tool.file} from ${tool.system}`).join(', ');
  return {
    severity: 'warning',
    message:
      `The documents come from different tools: ${listed}. The import reads all of them with the attribute names of ${chosen.system} ` +
      `and records ${chosen.system} as the source system of every requirement. Import each tool's documents in an archive or file of their own, ` +
      'each under its own source name.',
    location: { file: archive },
  };
}
