import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedAccessKey } from "../catalog/model";
import { shortHash } from "../hash";
import { AccessKeySlot, slotVariables } from "../rotation/accessKeys";

/**
 * The resources of an `aws-access-key` secret: the IAM user `<environment>-<user>` (tagged), its
 * permissions (one `UserPolicyAttachment` per policy ARN, one `UserPolicy` for the inline document,
 * which the pack judges like any IAM document), and two `AccessKey`s, one per rotation slot.
 *
 * How a rotation replaces a key: `AccessKey` has no `keepers` and no input that could carry a date
 * (`user` and `pgpKey` force a replacement, but changing them changes the key itself), so each key
 * gets the slot's generation as its `replacementTrigger` resource option: the engine compares it with
 * the value in state and replaces the resource when it differs, like a change to a force-new input.
 * `deleteBeforeReplace` makes that replacement delete the old key first: the user holds the other
 * slot's key, and AWS refuses a third key per user (the default create-before-delete would fail
 * with LimitExceeded). The key deleted is always the older one, which no consumer holds any more.
 * The keys are never `protect`ed (a protected resource cannot be replaced, so it could not rotate);
 * the user follows the stack's protection.
 */

export interface AccessKeyArgs {
    access: ResolvedAccessKey;
    /** The two slots, with their triggers (`secretRotation(...).accessKeys`). */
    slots: Array<AccessKeySlot & { trigger: Record<string, string> }>;
    /** Tags of the user: environment, managed-by, owner, secret-name, kind, criticality. */
    tags: Record<string, string>;
}

export interface AccessKeyResources {
    user: aws.iam.User;
    /** Policy attachments and the inline policy. */
    permissions: pulumi.CustomResource[];
    /** Slot `a`, then slot `b`. */
    keys: aws.iam.AccessKey[];
    /** `keys.id`, `keys.secret` of the current key and `_PREVIOUS` of the other, current first. Pulumi secrets. */
    values: Record<string, pulumi.Output<string>>;
}

export function createAccessKeys(name: string, args: AccessKeyArgs, opts: pulumi.CustomResourceOptions, keep: pulumi.CustomResourceOptions): AccessKeyResources {
    const { access } = args;
    const user = new aws.iam.User(`${name}-user`, { name: access.userName, tags: args.tags }, { ...opts, ...keep });
    const permissions: pulumi.CustomResource[] = access.policyArns.map((policyArn) =>
        // Named by the ARN, not its position: reordering the list changes no URN.
        new aws.iam.UserPolicyAttachment(`${name}-attach-${shortHash(policyArn).slice(0, 8)}`, { user: user.name, policyArn }, opts));
    if (access.policy !== undefined) {
        permissions.push(new aws.iam.UserPolicy(`${name}-policy`, { user: user.name, name: `${access.userName}-inline`, policy: access.policy }, opts));
    }
    const keys = args.slots.map((slot) => new aws.iam.AccessKey(`${name}-key-${slot.id}`, { user: user.name }, {
        ...opts,
        replacementTrigger: slot.trigger,
        deleteBeforeReplace: true,
        additionalSecretOutputs: ["secret"],
    }));
    const values: Record<string, pulumi.Output<string>> = {};
    // Current key first in every store and projection, whichever slot it is.
    for (const slot of [...args.slots].sort((x, y) => Number(y.current) - Number(x.current))) {
        const key = keys[args.slots.indexOf(slot)];
        const names = slotVariables(access.keys, slot);
        values[names.id] = pulumi.secret(key.id);
        values[names.secret] = pulumi.secret(key.secret);
    }
    return { user, permissions, keys, values };
}
