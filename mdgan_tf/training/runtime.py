"""Where and how a training run computes: the distribution strategy, the precision policy,
which process is the chief, and keeping replicas' BatchNorm statistics in step."""

import keras
import tensorflow as tf

def make_strategy(name):
    """`default` (one device), `mirrored` (all local GPUs, or CPUs), `multi_worker` (TF_CONFIG)."""
    if name == "mirrored":
        if tf.config.list_logical_devices("GPU"):
            return tf.distribute.MirroredStrategy()
        # No GPU: one replica per logical CPU device (`--logical_cpus`), as tests do.
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    if name == "multi_worker":
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def set_mixed_precision(enabled):
    """float16 compute on GPUs, bfloat16 on CPUs (AVX-512 BF16 / AMX); variables stay float32."""
    if not enabled:
        keras.mixed_precision.set_global_policy("float32")
        return "float32"
    policy = "mixed_float16" if tf.config.list_physical_devices("GPU") else "mixed_bfloat16"
    keras.mixed_precision.set_global_policy(policy)
    return policy


def is_chief(strategy):
    """Whether this process writes checkpoints, logs and the model (one per cluster)."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.task_type:
        return True
    has_chief = "chief" in resolver.cluster_spec().as_dict()
    return resolver.task_type == "chief" or (not has_chief and resolver.task_type == "worker"
                                             and resolver.task_id == 0)


def average_moving_statistics(stage, strategy):
    """Make every replica's BatchNorm moving statistics their mean over all replicas.

    Without `sync_batchnorm`, each replica updates its own copy from its own clips, and
    across workers these copies drift apart; averaging them before a checkpoint or export
    makes every worker save the same model, with statistics of all the data.
    """
    if strategy.num_replicas_in_sync == 1:
        return
    variables = [v for net in (stage.generator, stage.discriminator)
                 for v in net.non_trainable_variables]

    def replica_means():
        context = tf.distribute.get_replica_context()
        return context.all_reduce(tf.distribute.ReduceOp.MEAN,
                                  [tf.identity(v.value) for v in variables])

    @tf.function
    def average():
        means = strategy.run(replica_means)
        for variable, mean in zip(variables, means):
            # In cross-replica context an assign writes every local copy.
            variable.assign(strategy.experimental_local_results(mean)[0])

    average()
