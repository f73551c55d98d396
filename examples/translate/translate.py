"""Binary for training translation models and decoding from them.

Running this program without --decode trains a small English->French model on the tiny
corpus in data/, saving a checkpoint to --train_dir every --steps_per_checkpoint steps.
With --decode it restores the latest checkpoint from --train_dir and translates the
sentences given with --sentence (or read from stdin).

  python translate.py --train_dir=/tmp/translate --max_steps=40
  python translate.py --train_dir=/tmp/translate --decode --sentence="the red car"
"""

import math
import os
import random
import sys
import time

import numpy as np
import tensorflow as tf

import data_utils
import seq2seq_model


tf.app.flags.DEFINE_float("learning_rate", 0.01, "Learning rate (Adam).")
tf.app.flags.DEFINE_float("max_gradient_norm", 5.0, "Clip gradients to this norm.")
tf.app.flags.DEFINE_integer("batch_size", 4, "Batch size to use during training.")
tf.app.flags.DEFINE_integer("size", 16, "Size of each model layer.")
tf.app.flags.DEFINE_integer("num_layers", 2, "Number of layers in the model.")
tf.app.flags.DEFINE_integer("en_vocab_size", 20, "English vocabulary size.")
tf.app.flags.DEFINE_integer("fr_vocab_size", 22, "French vocabulary size.")
tf.app.flags.DEFINE_integer("num_samples", 8, "Number of samples for sampled softmax.")
tf.app.flags.DEFINE_string("data_dir", os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"), "Data directory")
tf.app.flags.DEFINE_string("train_dir", "/tmp/translate", "Training directory.")
tf.app.flags.DEFINE_integer("steps_per_checkpoint", 10, "How many training steps to do per checkpoint.")
tf.app.flags.DEFINE_integer("max_steps", 40, "Stop training after this many steps.")
tf.app.flags.DEFINE_integer("seed", 1, "Random seed.")
tf.app.flags.DEFINE_boolean("decode", False, "Set to True for interactive decoding.")
tf.app.flags.DEFINE_string("sentence", "", "Sentence to translate in decode mode (else stdin).")

FLAGS = tf.app.flags.FLAGS

# We use a number of buckets and pad to the closest one for efficiency.
_buckets = [(3, 4), (5, 6)]


def read_data(source_path, target_path):
  """Read data from source and target files and put into buckets."""
  en_vocab, _ = data_utils.initialize_vocabulary(os.path.join(FLAGS.data_dir, "vocab.en"))
  fr_vocab, _ = data_utils.initialize_vocabulary(os.path.join(FLAGS.data_dir, "vocab.fr"))
  data_set = [[] for _ in _buckets]
  with open(source_path) as source_file, open(target_path) as target_file:
    for source, target in zip(source_file, target_file):
      source_ids = data_utils.sentence_to_token_ids(source, en_vocab)
      target_ids = data_utils.sentence_to_token_ids(target, fr_vocab)
      target_ids.append(data_utils.EOS_ID)
      for bucket_id, (source_size, target_size) in enumerate(_buckets):
        if len(source_ids) < source_size and len(target_ids) < target_size:
          data_set[bucket_id].append([source_ids, target_ids])
          break
  return data_set


def create_model(session, forward_only):
  """Create translation model and initialize or load parameters in session."""
  dtype = tf.float32
  model = seq2seq_model.Seq2SeqModel(
      FLAGS.en_vocab_size,
      FLAGS.fr_vocab_size,
      _buckets,
      FLAGS.size,
      FLAGS.num_layers,
      FLAGS.max_gradient_norm,
      FLAGS.batch_size,
      FLAGS.learning_rate,
      num_samples=FLAGS.num_samples,
      forward_only=forward_only,
      dtype=dtype)
  ckpt = tf.train.get_checkpoint_state(FLAGS.train_dir)
  if ckpt and tf.train.checkpoint_exists(ckpt.model_checkpoint_path):
    print("Reading model parameters from %s" % ckpt.model_checkpoint_path)
    model.saver.restore(session, ckpt.model_checkpoint_path)
  else:
    print("Created model with fresh parameters.")
    session.run(tf.global_variables_initializer())
  return model


def train():
  """Train a en->fr translation model on the bundled corpus."""
  en_train, fr_train, _, _ = data_utils.prepare_data(FLAGS.data_dir)
  random.seed(FLAGS.seed)
  np.random.seed(FLAGS.seed)
  tf.set_random_seed(FLAGS.seed)
  with tf.Session() as sess:
    print("Creating %d layers of %d units." % (FLAGS.num_layers, FLAGS.size))
    model = create_model(sess, False)

    train_set = read_data(en_train, fr_train)
    train_bucket_sizes = [len(train_set[b]) for b in range(len(_buckets))]
    train_total_size = float(sum(train_bucket_sizes))
    train_buckets_scale = [sum(train_bucket_sizes[:i + 1]) / train_total_size
                           for i in range(len(train_bucket_sizes))]

    step_time, loss = 0.0, 0.0
    current_step = 0
    while current_step < FLAGS.max_steps:
      random_number_01 = np.random.random_sample()
      bucket_id = min([i for i in range(len(train_buckets_scale))
                       if train_buckets_scale[i] > random_number_01])

      start_time = time.time()
      encoder_inputs, decoder_inputs, target_weights = model.get_batch(
          train_set, bucket_id)
      _, step_loss, _ = model.step(sess, encoder_inputs, decoder_inputs,
                                   target_weights, bucket_id, False)
      step_time += (time.time() - start_time) / FLAGS.steps_per_checkpoint
      loss += step_loss / FLAGS.steps_per_checkpoint
      current_step += 1

      if current_step % FLAGS.steps_per_checkpoint == 0:
        perplexity = math.exp(float(loss)) if loss < 300 else float("inf")
        print("global step %d step-time %.3f loss %.4f perplexity %.2f"
              % (model.global_step.eval(), step_time, loss, perplexity))
        checkpoint_path = os.path.join(FLAGS.train_dir, "translate.ckpt")
        model.saver.save(sess, checkpoint_path, global_step=model.global_step)
        step_time, loss = 0.0, 0.0
        sys.stdout.flush()


def decode():
  with tf.Session() as sess:
    model = create_model(sess, True)
    model.batch_size = 1  # We decode one sentence at a time.

    en_vocab_path = os.path.join(FLAGS.data_dir, "vocab.en")
    fr_vocab_path = os.path.join(FLAGS.data_dir, "vocab.fr")
    en_vocab, _ = data_utils.initialize_vocabulary(en_vocab_path)
    _, rev_fr_vocab = data_utils.initialize_vocabulary(fr_vocab_path)

    sentences = [FLAGS.sentence] if FLAGS.sentence else sys.stdin.readlines()
    for sentence in sentences:
      token_ids = data_utils.sentence_to_token_ids(sentence, en_vocab)
      bucket_id = len(_buckets) - 1
      for i, bucket in enumerate(_buckets):
        if bucket[0] > len(token_ids):
          bucket_id = i
          break
      else:
        print("Sentence truncated: %s" % sentence)
        token_ids = token_ids[:_buckets[-1][0]]

      encoder_inputs, decoder_inputs, target_weights = model.get_batch(
          {bucket_id: [(token_ids, [])]}, bucket_id)
      _, _, output_logits = model.step(sess, encoder_inputs, decoder_inputs,
                                       target_weights, bucket_id, True)
      # This is a greedy decoder - outputs are just argmaxes of output_logits.
      outputs = [int(np.argmax(logit, axis=1)[0]) for logit in output_logits]
      if data_utils.EOS_ID in outputs:
        outputs = outputs[:outputs.index(data_utils.EOS_ID)]
      print("tokens: %s" % " ".join(str(t) for t in outputs))
      print("translation: %s" % " ".join([rev_fr_vocab[output] for output in outputs]))
      sys.stdout.flush()


def main(_):
  if FLAGS.decode:
    decode()
  else:
    train()


if __name__ == "__main__":
  tf.app.run()
