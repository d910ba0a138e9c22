@hop:provider
Feature: 3+. What the CapabilityStatement declares
  NHS's provider suite checks, per interaction, that the Appointments root's CapabilityStatement declares it
  (AM-CS-DECLARES), and that it names its software and version (AM-CS-SOFTWARE). The table below is the
  FHIR STU3 REST declaration each interaction needs (facts §5.3).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @AM-CS-DECLARES
  Scenario Outline: The CapabilityStatement declares <interaction>
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement declares <resource> <code> for <interaction>

    Examples:
      | interaction                       | resource    | code                 |
      | "read patient"                    | Patient     | read                 |
      | "find patient"                    | Patient     | search-type          |
      | "read practitioner"               | Practitioner | read                |
      | "find practitioner"               | Practitioner | search-type         |
      | "read organization"               | Organization | read                |
      | "find organization"               | Organization | search-type         |
      | "read location"                   | Location    | read                 |
      | "register patient"                | operation   | gpc.registerpatient  |
      | "search free slots"               | Slot        | search-type          |
      | "read appointment"                | Appointment | read                 |
      | "book appointment"                | Appointment | create               |
      | "amend appointment"               | Appointment | update               |
      | "cancel appointment"              | Appointment | update               |
      | "retrieve patient's appointments" | Appointment | search-type          |

  @AM-CS-SOFTWARE
  Scenario: The CapabilityStatement names its software and version
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement names its software with a version
