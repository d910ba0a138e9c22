@hop:provider
Feature: Spine edge — the provider refuses a JWT that breaks the GP Connect claim rules
  Every GP Connect request carries a fresh unsigned JWT (JWT-BEARER). The provider checks it; each scenario
  sends "read metadata" wrong in one way (the NHS provider suite's oracles, JWT-*) and expects the
  refusal the rule table gives (support/jwt/jwt-rules.ts). Each Examples block is tagged with its rule.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  Scenario Outline: A token without <claim> is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" with the JWT claim <claim> removed
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @JWT-ISS
    Examples: issuer
      | claim |
      | iss   |
    @JWT-AUD
    Examples: audience
      | claim |
      | aud   |
    @JWT-EXP
    Examples: expiry
      | claim |
      | exp   |
    @JWT-IAT
    Examples: issued at
      | claim |
      | iat   |
    @JWT-REASON
    Examples: reason
      | claim              |
      | reason_for_request |
    @JWT-SCOPE
    Examples: scope
      | claim           |
      | requested_scope |
    @JWT-DEVICE
    Examples: device
      | claim             |
      | requesting_device |
    @JWT-PRACTITIONER
    Examples: practitioner
      | claim                   |
      | requesting_practitioner |
    @JWT-ORGANIZATION
    Examples: organisation
      | claim                   |
      | requesting_organization |

  Scenario Outline: A token issued <iat> s from now that expires <lifetime> s later is refused
    When the consumer sends "read metadata" with a JWT issued <iat> s from now that expires <lifetime> s after issue
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @JWT-LIFETIME
    Examples: exp is not exactly iat + 300 (299, 301, and exp before iat)
      | iat | lifetime |
      | 0   | 299      |
      | 0   | 301      |
      | 0   | -60      |
    @JWT-EXPIRED
    Examples: expired: issued 600 s ago with a 300 s lifetime
      | iat  | lifetime |
      | -600 | 300      |

  Scenario Outline: A token issued <iat> s from now that expires <lifetime> s later is accepted
    When the consumer sends "read metadata" with a JWT issued <iat> s from now that expires <lifetime> s after issue
    Then the provider accepts it

    @JWT-LIFETIME
    Examples: exactly 300 s
      | iat | lifetime |
      | 0   | 300      |
    @JWT-EXPIRED
    Examples: clock skew: issued 200 s in the future is tolerated
      | iat | lifetime |
      | 200 | 300      |

  @JWT-BEARER
  Scenario: A token that is not base64url is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" with a JWT whose header is padded base64, not base64url
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

  Scenario Outline: A token whose <claim> is "<value>" is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" with the JWT claim <claim> set to "<value>"
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @JWT-SCOPE-MATCH
    Examples: a scope that does not fit "read metadata" (organization/*.read)
      | claim           | value           |
      | requested_scope | patient/*.read  |
      | requested_scope | patient/*.write |
    @JWT-REASON-VALUE
    Examples: a reason other than directcare
      | claim              | value         |
      | reason_for_request | secondaryuses |
    @JWT-AUD-ROOT
    Examples: an aud that is not the service root (the obsolete sample token's)
      | claim | value                                |
      | aud   | https://authorize.fhir.nhs.net/token |
    @JWT-SUB
    Examples: a sub that is not requesting_practitioner.id
      | claim | value        |
      | sub   | someone-else |
