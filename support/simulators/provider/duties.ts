/**
 * What a conformant embedded provider does beyond the Spine edge rules, one name per duty: the checks its
 * handlers make and the state they keep. A handler asks `ctx.does(duty)`; a lenient fault's effect takes the
 * duty out of the set (support/simulators/fault-modes/), so the handler never names a fault.
 */
export const PROVIDER_DUTIES = [
  /** Slot search: the parameter rules and the 14-day window (else: the next 14 days, everything included). */
  'check slot search parameters',
  /** Booking: the body rules (mandatory, forbidden, participants, booking organisation) and the slots'. */
  'check the booking body',
  'book only adjacent slots of one schedule and channel',
  'refuse unbookable delivery channels',
  'refuse slots that have started',
  /** Find patient: the identifier parameter's spelling, count, system and value. */
  'check the patient identifier',
  /** Find practitioner / organisation: the identifier parameter's system and value. */
  'check the search identifier',
  /** Find patient / practitioner / organisation: `_count` and `_sort` are not GP Connect parameters, so they change nothing. */
  'ignore _count and _sort',
  /** Amend and cancel. */
  'check If-Match',
  'amend only description and comment',
  /** An amended Appointment must still be one: a description (GPConnect-Appointment-1 description 1..1). */
  'refuse an amended Appointment that is not valid',
  'require a cancellation reason',
  /** Cancel sets status and the reason only (facts §6 Cancel: any other change is 422 INVALID_RESOURCE). */
  'cancel only status and the reason',
  'free the slots of a cancelled appointment',
  /** Retrieve a patient's appointments. */
  'check the appointment range',
  'check the patient exists',
  /** Register patient. */
  'check the NHS number to register',
  'check the patient on PDS',
  'refuse a duplicate registration',
  'keep the registration',
  /** Register patient's payload ('Register a patient', 'Payload Request Body') and its Patient's profile. */
  'check the registerPatient payload',
  'check the registerPatient Patient against its profile',
  /** 'Provider systems SHALL register the new Patient resource as a temporary patient record'. */
  'register as a temporary patient',
  /** Get structured record ('Retrieve a patient record'): who is refused, which parameters filter, what is warned of. */
  'refuse a deceased patient',
  'refuse a dissenting patient',
  'refuse an inactive patient',
  'refuse an unverified patient',
  'refuse a patient registered elsewhere',
  'refuse where the practice has switched structured off',
  'check structured parameter values',
  'apply includeResolvedAllergies',
  'apply medicationSearchFromDate',
  'apply filterStatus',
  'apply includeNotGiven',
  'apply consultationSearchPeriod',
  'apply includeNumberOfMostRecent',
  'apply investigationSearchPeriod',
  'apply referralSearchPeriod',
  'apply diaryEntriesSearchDate',
  'apply uncategorisedDataSearchPeriod',
  'warn of unrecognised parameters',
  /** Migrate structured record: every area, nothing filtered out. */
  'migrate the full record',
  /** Access Document (DOC-* records): the search's rules and the size limit on retrieval. */
  'require the documents includes',
  'check the documents author',
  'refuse an inactive patient a document search',
  'apply the documents filters',
  'withhold documents over the size limit',
] as const;

export type ProviderDuty = (typeof PROVIDER_DUTIES)[number];
